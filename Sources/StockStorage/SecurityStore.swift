import Foundation
import StockListing
import StockModel

/// How an import changed the stored listing.
public struct UpsertCounts: Sendable, Hashable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Rows of symbols the listing does not hold, left out by an update-only import.
    public var notListed = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, notListed: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.notListed = notListed
    }

    public static func += (lhs: inout UpsertCounts, rhs: UpsertCounts) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
        lhs.notListed += rhs.notListed
    }
}

/// A listing's reference data for one security: what the simulated market starts from (a recent close and the
/// close before it) and the market capitalisation the search ranks by.
public struct ReferenceData: Sendable, Hashable {
    public var price: Price?
    public var previousClose: Price?
    public var marketCap: Price?

    public init(price: Price? = nil, previousClose: Price? = nil, marketCap: Price? = nil) {
        self.price = price
        self.previousClose = previousClose
        self.marketCap = marketCap
    }
}

/// What `SecurityStore.setReferenceData(_:)` changed.
public struct ReferenceDataCounts: Sendable, Hashable {
    /// Securities that had no price and got the reference price (with its previous close).
    public var pricesSet = 0
    /// Securities whose market cap was set or changed.
    public var marketCapsSet = 0

    public init(pricesSet: Int = 0, marketCapsSet: Int = 0) {
        self.pricesSet = pricesSet
        self.marketCapsSet = marketCapsSet
    }

    public static func += (lhs: inout ReferenceDataCounts, rhs: ReferenceDataCounts) {
        lhs.pricesSet += rhs.pricesSet
        lhs.marketCapsSet += rhs.marketCapsSet
    }
}

/// The listed securities and their last prices.
public protocol SecurityStore: Sendable {
    /// Inserts new symbols and updates changed ones, all in one transaction; ids of existing symbols never change.
    func upsert(_ records: [ListingRecord]) async throws -> UpsertCounts
    /// Updates the listed symbols among `records` that changed, in one transaction, and never inserts: a symbol the
    /// listing does not hold counts as `notListed`.
    func update(_ records: [ListingRecord]) async throws -> UpsertCounts
    /// Every security, in id order (what the search index is built from).
    func allSecurities() async throws -> [Security]
    /// The securities with these ids, in the order of `ids`; unknown ids are left out.
    func securities(ids: [Int64]) async throws -> [Security]
    func security(id: Int64) async throws -> Security?
    func securityCount() async throws -> Int
    /// A number that grows whenever the listing (not the prices) changes, so that servers can rebuild their
    /// search index.
    func listingVersion() async throws -> Int64
    /// Stores the new last prices of tick `seq` in one transaction, each with the rest of its quote where the
    /// update carries one (so that the last quote survives a restart), and that `seq`, so that a restarted server
    /// continues the count (the contract's `seq` only ever grows).
    func updatePrices(_ updates: [PriceUpdate], seq: Int64, at time: Date) async throws
    /// Stores reference data by ticker: a security with no last price yet gets the reference price and its
    /// previous close (for the simulated market to start from; prices already there are kept, and so is their
    /// previous close), and a given market cap replaces the stored one (the listing's version then grows, as the
    /// search ranks by it). Unknown tickers are ignored.
    @discardableResult
    func setReferenceData(_ data: [String: ReferenceData]) async throws -> ReferenceDataCounts
    /// The seq of the last stored tick; 0 before the first.
    func lastPriceSeq() async throws -> Int64
}
