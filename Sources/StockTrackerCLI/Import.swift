import ArgumentParser
import Foundation
import StockListing
import StockStorage

/// `stocktracker import FILE...`: loads listing files into the database.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load listing files (Nasdaq Trader symbol directory, generic CSV) into the database.",
        discussion: """
            A Nasdaq stock-screener JSON file is reference data: it sets the reference price of listed securities \
            that have none, and never adds a security or changes a name or an exchange.
            """)

    @Argument(help: "Listing files: nasdaqlisted.txt, otherlisted.txt, CSV with at least symbol,name, or screener JSON.")
    var files: [String]

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one listing file") }
    }

    func run() async throws {
        let files = files
        let summary: ListingImporter.Summary
        do {
            summary = try await database.withStores { stores in
                try await ListingImporter(store: stores.securities).importFiles(files) { progress in
                    guard progress.total >= 5_000 else { return }
                    FileHandle.standardError.write(Data(
                        "\r\(progress.file): \(progress.done)/\(progress.total) rows\(progress.done == progress.total ? "\n" : "")"
                            .utf8))
                }
            }
        } catch let error as ListingError {
            throw CommandFailure("import failed, nothing was changed: \(error)")
        }
        for problem in summary.problems {
            FileHandle.standardError.write(Data("skipped \(problem)\n".utf8))
        }
        let counts = summary.counts
        print(
            "inserted \(counts.inserted), updated \(counts.updated), unchanged \(counts.unchanged), "
                + "skipped \(summary.skipped) (\(summary.skippedTestIssues) test issues, "
                + "\(summary.problems.count) malformed)"
                + (summary.referencePricesSet > 0 ? ", reference prices set \(summary.referencePricesSet)" : ""))
    }
}
