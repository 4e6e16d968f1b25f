import ArgumentParser
import Foundation
import StockSearch
import StockServer
import StockStorage

/// `stocktracker index rebuild|stats|verify`: the index tool.
struct IndexTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Build, measure and check the search index of the local database.",
        subcommands: [Rebuild.self, Stats.self, Verify.self])

    /// Loads the records of the database the options name.
    static func records(_ database: DatabaseOptions) async throws -> [SearchRecord] {
        try database.requireExistingSQLiteFile()
        return try await database.withStores { stores in try await stores.securities.allSecurities() }.map {
            SearchRecord($0, id: $0.id)
        }
    }

    static func describe(_ statistics: SearchIndexStatistics) -> String {
        let perRecord = statistics.records == 0 ? 0 : statistics.bytes / statistics.records
        return "records \(statistics.records), terms \(statistics.terms), postings \(statistics.postings), "
            + "bytes \(statistics.bytes) (\(perRecord) per security)"
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build the index from the database and time it.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let loadStart = ContinuousClock.now
            let records = try await IndexTool.records(database)
            let buildStart = ContinuousClock.now
            let index = SearchIndex(records: records)
            let end = ContinuousClock.now
            print("loaded \(records.count) securities in \((buildStart - loadStart).milliseconds) ms, "
                + "built the index in \((end - buildStart).milliseconds) ms")
            print(IndexTool.describe(index.statistics))
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print records, terms, postings and bytes.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            print(IndexTool.describe(SearchIndex(records: try await IndexTool.records(database)).statistics))
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every security is found first by its exact ticker.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let records = try await IndexTool.records(database)
            let index = SearchIndex(records: records)
            // Tickers that normalize alike (`BRK.B` and `BRK-B`) cannot all come first; they must share the top.
            let normalized = Dictionary(grouping: records) { TextNormalizer.normalize($0.ticker) }
            var failures: [String] = []
            for record in records {
                let hits = index.search(record.ticker, limit: normalized[TextNormalizer.normalize(record.ticker)]?.count ?? 1)
                if !hits.contains(where: { $0.id == record.id }) {
                    let first = hits.first.flatMap { hit in records.first { $0.id == hit.id }?.ticker } ?? "nothing"
                    failures.append("\(record.ticker): first result is \(first)")
                }
            }
            for failure in failures.prefix(50) { print(failure) }
            print("verified \(records.count) securities: \(records.count - failures.count) found first by their "
                + "ticker, \(failures.count) not")
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
