import StockListing
import StockModel

/// Loads listing files into a `SecurityStore`: every file is parsed first (a file that is not a listing fails the
/// whole import before anything is written), then rows are upserted by symbol in batches, one transaction each.
///
/// A Nasdaq stock-screener file is reference data, not a listing: it never inserts a security nor rewrites a
/// name or an exchange (the screener spells both its own way and holds symbols the directory does not); its last
/// sales and previous closes only become the reference prices of listed securities that have no price yet, and
/// its market caps replace the stored ones. With `updateOnly` the other formats never insert either: they update
/// the securities the listing holds, so that reference data can join a listing without adding to it.
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
        /// Reference prices (with their previous closes) set on listed securities that had none, and market caps
        /// set or changed.
        public var referenceData = ReferenceDataCounts()
        /// Malformed rows, reported and skipped.
        public var problems: [ListingProblem] = []

        public var skipped: Int { skippedTestIssues + problems.count }
    }

    let store: any SecurityStore
    let batchSize: Int
    let updateOnly: Bool

    /// An importer into `store`; with `updateOnly` no file inserts a security.
    public init(store: any SecurityStore, batchSize: Int = 2_000, updateOnly: Bool = false) {
        self.store = store
        self.batchSize = max(1, batchSize)
        self.updateOnly = updateOnly
    }

    /// The reference data of `records`, by symbol (the parsers have checked the decimals).
    static func referenceData(of records: [ListingRecord]) -> [String: ReferenceData] {
        var data = [String: ReferenceData]()
        for record in records {
            let reference = ReferenceData(
                price: record.referencePrice.flatMap { Price($0) },
                previousClose: record.previousClose.flatMap { Price($0) },
                marketCap: record.marketCap.flatMap { Price($0) })
            if reference != ReferenceData() { data[record.symbol] = reference }
        }
        return data
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
                if listing.format != .nasdaqScreener {
                    summary.counts += try await updateOnly ? store.update(batch) : store.upsert(batch)
                }
                summary.referenceData += try await store.setReferenceData(Self.referenceData(of: batch))
                done += batch.count
                progress?(Progress(file: path, done: done, total: listing.records.count))
            }
        }
        return summary
    }
}
