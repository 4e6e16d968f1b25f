import Foundation
import StockListing
import StockModel

/// How an import changed the stored listing.
public struct UpsertCounts: Sendable, Hashable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public static func += (lhs: inout UpsertCounts, rhs: UpsertCounts) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
    }
}

/// The listed securities and their last prices.
public protocol SecurityStore: Sendable {
    /// Inserts new symbols and updates changed ones, all in one transaction; ids of existing symbols never change.
    func upsert(_ records: [ListingRecord]) async throws -> UpsertCounts
    /// Every security, in id order (what the search index is built from).
    func allSecurities() async throws -> [Security]
    /// The securities with these ids, in the order of `ids`; unknown ids are left out.
    func securities(ids: [Int64]) async throws -> [Security]
    func security(id: Int64) async throws -> Security?
    func securityCount() async throws -> Int
    /// A number that grows whenever the listing (not the prices) changes, so that servers can rebuild their
    /// search index.
    func listingVersion() async throws -> Int64
    /// Stores the new last prices of tick `seq` in one transaction, and that `seq`, so that a restarted server
    /// continues the count (the contract's `seq` only ever grows).
    func updatePrices(_ updates: [PriceUpdate], seq: Int64, at time: Date) async throws
    /// Gives the securities with these tickers that have no last price yet the given one (a listing's reference
    /// price, for the simulated market to start from); prices already there are kept. Returns how many were set.
    @discardableResult
    func setMissingPrices(_ prices: [String: Price]) async throws -> Int
    /// The seq of the last stored tick; 0 before the first.
    func lastPriceSeq() async throws -> Int64
}
