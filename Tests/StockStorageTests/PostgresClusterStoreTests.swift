import Foundation
import Logging
import PostgresNIO
import StockListing
import StockModel
import StockStorage
import StockStoragePostgres
import Testing

@Suite("PostgreSQL cluster records")
struct PostgresClusterStoreTests {
    @Test("notification payloads read back as what was sent, and nothing else reads")
    func payloads() {
        for notification in [ClusterNotification.priceTick(seq: 42), .watchlistChanged(userID: 7)] {
            #expect(ClusterNotification(payload: notification.payload) == notification)
        }
        for payload in ["", "tick:", "tick:x", "other:1", "watchlist"] {
            #expect(ClusterNotification(payload: payload) == nil)
        }
    }

    @Test("ticks are recorded once each, read back in order after a seq, and announced with NOTIFY")
    func ticks() async throws {
        try await StorageBackend.postgres.withFreshDatabase { database in
            guard case .postgres(let url) = database else { return }
            let logger = Logger.quietTestLogger
            try await PostgresStorage.withStorage(url: url, logger: logger) { storage in
                _ = try await storage.upsert([ListingRecord(symbol: "AAA", name: "A"), ListingRecord(symbol: "BBB", name: "B")])
                let ids = try await storage.allSecurities().map(\.id)
                #expect(try await storage.lastPriceTickSeq() == 0)

                let listener = try await PostgresConnection.connect(
                    configuration: url.connectionConfiguration, id: 9, logger: logger)
                let heard = try await listener.listen(on: ClusterNotification.channel) { notifications in
                    let first = PriceTick(
                        seq: 1, at: Date(timeIntervalSince1970: 1_700_000_000),
                        changes: [PriceUpdate(securityID: ids[0], price: Price("1.5")!)], becameStale: [],
                        becameFresh: [])
                    let second = PriceTick(
                        seq: 2, at: Date(timeIntervalSince1970: 1_700_000_001),
                        changes: [PriceUpdate(securityID: ids[1], price: Price("2.0001")!)],
                        becameStale: [ids[0]], becameFresh: [ids[1]])
                    try await storage.recordPriceTick(first)
                    try await storage.recordPriceTick(second)
                    await #expect(throws: StorageError.conflict("the price tick 2 is recorded already")) {
                        try await storage.recordPriceTick(second)
                    }
                    try await storage.notify(.watchlistChanged(userID: 5))
                    #expect(try await storage.priceTicks(after: 0) == [first, second])
                    #expect(try await storage.priceTicks(after: 1) == [second])
                    #expect(try await storage.lastPriceTickSeq() == 2)
                    var heard: [ClusterNotification] = []
                    for try await notification in notifications {
                        heard.append(try #require(ClusterNotification(payload: notification.payload)))
                        if heard.count == 3 { break }
                    }
                    return heard
                }
                try await listener.close()
                #expect(heard == [.priceTick(seq: 1), .priceTick(seq: 2), .watchlistChanged(userID: 5)])
            }
        }
    }
}
