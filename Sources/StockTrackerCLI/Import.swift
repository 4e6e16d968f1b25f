import ArgumentParser
import Foundation
import StockListing
import StockStorage

/// `stocktracker import FILE...`: loads listing files into the database.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load listing files (Nasdaq Trader symbol directory, generic CSV) into the database.",
        discussion: """
            A Nasdaq stock-screener JSON file is reference data: it sets the reference price and previous close of \
            listed securities that have none and their market caps, and never adds a security or changes a name or \
            an exchange. With --update-only the other files never add a security either: they update the ones the \
            database lists (a row of another symbol is counted as not listed).
            """)

    @Argument(help: "Listing files: nasdaqlisted.txt, otherlisted.txt, CSV with at least symbol,name, or screener JSON.")
    var files: [String]

    @Flag(help: "Update the securities the database lists; never add one.")
    var updateOnly = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one listing file") }
    }

    func run() async throws {
        let (files, updateOnly) = (files, updateOnly)
        let summary: ListingImporter.Summary
        do {
            summary = try await database.withStores { stores in
                let importer = ListingImporter(store: stores.securities, updateOnly: updateOnly)
                return try await importer.importFiles(files) { progress in
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
        let reference = summary.referenceData
        print(
            "inserted \(counts.inserted), updated \(counts.updated), unchanged \(counts.unchanged), "
                + (updateOnly ? "not listed \(counts.notListed), " : "")
                + "skipped \(summary.skipped) (\(summary.skippedTestIssues) test issues, "
                + "\(summary.problems.count) malformed)"
                + (reference.pricesSet > 0 ? ", reference prices set \(reference.pricesSet)" : "")
                + (reference.marketCapsSet > 0 ? ", market caps set \(reference.marketCapsSet)" : ""))
    }
}
