import Foundation
import Logging
import StockListing
import StockModel
import Synchronization
import Testing
@testable import StockMarket

@Suite("Listing catalog")
struct ListingCatalogTests {
    @Test("loads each stored generation once, however many ask, and hands it to every observer in order")
    func generations() async throws {
        let (store, directory) = try await PricePollerTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = ListingCatalog(store: store, logger: Logger(label: "test"))
        let seen = Mutex<[[String]]>([])
        catalog.observe { listing in seen.withLock { $0.append(listing.securities.map(\.ticker)) } }
        #expect(catalog.listing.version == nil && catalog.listing.securities.isEmpty)

        #expect(try await catalog.refresh())
        #expect(try await catalog.refresh() == false)
        #expect(catalog.listing.securities.map(\.ticker) == ["AAA", "BBB", "CCC"])

        _ = try await store.upsert([ListingRecord(symbol: "DDD", name: "DDD")])
        let refreshed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 { group.addTask { try await catalog.refresh() } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(refreshed == 1)
        #expect(seen.withLock { $0 } == [["AAA", "BBB", "CCC"], ["AAA", "BBB", "CCC", "DDD"]])
        #expect(catalog.listing.version == (try await store.listingVersion()))
    }
}
