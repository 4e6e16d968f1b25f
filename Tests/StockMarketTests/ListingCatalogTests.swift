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

    @Test("a generation keeps every position of the one before it and appends the new securities in id order")
    func stablePositions() {
        let first = ListingCatalog.Listing(version: 1, securities: [security(2, "BBB"), security(5, "EEE")])
        // An id lower than one held already (a transaction that committed late), and a new price for BBB.
        let second = first.successor(
            version: 2, loaded: [security(1, "AAA"), security(2, "BBB", "20"), security(5, "EEE"), security(9, "III")])
        #expect(second.securities.map(\.id) == [2, 5, 1, 9])
        #expect(second.securities[0].lastPrice == Price("20"))
        #expect([1, 2, 5, 9, 3].map { second.position(of: $0) } == [2, 0, 1, 3, nil])
        // A security gone from the store (it never deletes one) would keep its position and its last record.
        let third = second.successor(version: 3, loaded: [security(1, "AAA"), security(9, "III")])
        #expect(third.securities.map(\.id) == [2, 5, 1, 9])
        #expect(third.version == 3)
    }
}
