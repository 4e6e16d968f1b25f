import Foundation
import StockMarket
import StockModel
import StockSearch
import StockStorage
import Synchronization

/// The search over the whole listing, in memory: an immutable `SearchIndex` and the securities it was built
/// from, swapped as one value when the listing changes (so a query never sees a half-built index).
public final class SecuritySearch: Sendable {
    /// One consistent generation of the listing.
    struct Catalog: Sendable {
        let index: SearchIndex
        /// The securities; the index knows each by its position here (its `SearchRecord.id`).
        let securities: [Security]
        let json: PrewrittenSecurities
        /// The answers of `GET /security` written from this generation (an empty cache for each new one).
        let responses: SearchResponseCache

        init(_ listing: ListingCatalog.Listing, responseCacheBytes: Int) {
            securities = listing.securities
            index = SearchIndex(records: securities.enumerated().map { position, security in
                SearchRecord(security, id: Int64(position))
            })
            json = PrewrittenSecurities(securities)
            responses = SearchResponseCache(maximumBytes: responseCacheBytes)
        }

        /// The best matches for `query`, best first, ready to be written as JSON without copying the securities.
        func answer(_ query: String, limit: Int) -> Answer {
            Answer(catalog: self, hits: hits(query, limit: limit))
        }

        /// The index's hits for `query`, each with its security's position and the security's id.
        func hits(_ query: String, limit: Int) -> [(position: Int, hit: SearchHit)] {
            index.search(query, limit: limit).map { hit in
                var hit = hit
                let position = Int(hit.id)
                hit.id = securities[position].id
                return (position, hit)
            }
        }
    }

    /// A search result: the security (with its price as stored when the index was built) and how it matched.
    public struct Result: Sendable {
        public var security: Security
        public var hit: SearchHit
    }

    private let catalog: Mutex<Catalog>
    /// The bound of each generation's `SearchResponseCache`.
    let responseCacheBytes: Int

    /// The default bound of the answers of `GET /security` kept between two ticks (`--search-cache-bytes`).
    public static let defaultResponseCacheBytes = 16 << 20

    /// The search over `listing`; each generation keeps at most `responseCacheBytes` of `GET /security`
    /// answers between two ticks (0: none).
    public init(_ listing: ListingCatalog.Listing, responseCacheBytes: Int = SecuritySearch.defaultResponseCacheBytes) {
        self.responseCacheBytes = responseCacheBytes
        catalog = Mutex(Catalog(listing, responseCacheBytes: responseCacheBytes))
    }

    /// The search over the listing stored in `store` now (the command-line tools; a server follows its
    /// `ListingCatalog`).
    public static func load(from store: any SecurityStore) async throws -> SecuritySearch {
        SecuritySearch(try await .load(from: store))
    }

    /// Follows `catalog`: every generation it loads from now on replaces the index (a query never sees a
    /// half-built one).
    public func follow(_ catalog: ListingCatalog) {
        catalog.observe { [self] listing in
            let fresh = Catalog(listing, responseCacheBytes: responseCacheBytes)
            self.catalog.withLock { $0 = fresh }
        }
    }

    /// The best matches for `query`, best first.
    public func search(_ query: String, limit: Int) -> [Result] {
        let catalog = catalog.withLock { $0 }
        return catalog.hits(query, limit: limit).map { Result(security: catalog.securities[$0.position], hit: $0.hit) }
    }

    /// The best matches for `query`, best first, ready to be written as JSON without copying the securities.
    func answer(_ query: String, limit: Int) -> Answer {
        current.answer(query, limit: limit)
    }

    /// The generation queries are answered from now.
    var current: Catalog { catalog.withLock { $0 } }

    /// Search hits with the catalog they were found in.
    struct Answer {
        let catalog: Catalog
        /// Each hit with the position of its security in the catalog.
        let hits: [(position: Int, hit: SearchHit)]

        var ids: [Int64] { hits.map(\.hit.id) }
    }

    /// The size of the current index.
    public var statistics: SearchIndexStatistics { catalog.withLock { $0.index.statistics } }
}

extension SecurityJSON {
    /// A search result as the API answers it.
    public init(_ result: SecuritySearch.Result) {
        let hit = result.hit
        self.init(result.security, match: Match(
            kind: hit.kind.rawValue, field: hit.field.rawValue, text: hit.matchedText,
            ranges: hit.ranges.map { [$0.lowerBound, $0.upperBound] }))
    }
}
