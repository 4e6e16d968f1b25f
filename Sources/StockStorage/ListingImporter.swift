import StockListing
import StockModel

/// Loads listing files into a `SecurityStore`: every file is parsed first (a file that is not a listing fails the
/// whole import before anything is written), then rows are upserted by symbol in batches, one transaction each.
///
/// A Nasdaq stock-screener file is reference data, not a listing: it never inserts a security nor rewrites a
/// name or an exchange (the screener spells both its own way and holds symbols the directory does not); its last
/// sales only become the reference prices of listed securities that have no price yet.
public struct ListingImporter: Sendable {
    /// Progress of one file, reported after each batch.
    public struct Progress: Sendable {
        public var file: String
        public var done: Int
        public var total: Int
    }

    /// What an import did.
    public struct Summary: Sendable {
        public var counts = UpsertCounts()
        public var skippedTestIssues = 0
        /// Reference prices set from screener files on listed securities that had none.
        public var referencePricesSet = 0
        /// Malformed rows, reported and skipped.
        public var problems: [ListingProblem] = []

        public var skipped: Int { skippedTestIssues + problems.count }
    }

    let store: any SecurityStore
    let batchSize: Int

    public init(store: any SecurityStore, batchSize: Int = 2_000) {
        self.store = store
        self.batchSize = max(1, batchSize)
    }

    /// The reference prices of `records`, by symbol (the parsers have checked them).
    static func referencePrices(of records: [ListingRecord]) -> [String: Price] {
        var prices = [String: Price]()
        for record in records {
            if let text = record.referencePrice, let price = Price(text) { prices[record.symbol] = price }
        }
        return prices
    }

    /// Imports `paths` in order; when a symbol appears in several files, the later file wins.
    public func importFiles(
        _ paths: [String], progress: (@Sendable (Progress) -> Void)? = nil
    ) async throws -> Summary {
        let parsed = try paths.map { (path: $0, listing: try ListingFile.parse(path: $0)) }
        var summary = Summary()
        for (path, listing) in parsed {
            summary.skippedTestIssues += listing.skippedTestIssues
            summary.problems += listing.problems
            var done = 0
            for start in stride(from: 0, to: listing.records.count, by: batchSize) {
                let batch = Array(listing.records[start..<min(start + batchSize, listing.records.count)])
                if listing.format == .nasdaqScreener {
                    summary.referencePricesSet += try await store.setMissingPrices(Self.referencePrices(of: batch))
                } else {
                    summary.counts += try await store.upsert(batch)
                    try await store.setMissingPrices(Self.referencePrices(of: batch))
                }
                done += batch.count
                progress?(Progress(file: path, done: done, total: listing.records.count))
            }
        }
        return summary
    }
}
