import Foundation
import StockListing
import StockModel
import StockStorage
import Testing

@Suite("Alert store")
struct AlertStoreTests {
    @Test("alerts are per user, limited with fired ones counted, and each firing is recorded once",
          arguments: StorageBackend.allCases)
    func lifecycle(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            let (ada, first) = try await database.withStore { store in
                _ = try await store.upsert([ListingRecord(symbol: "AL1", name: "Alert test")])
                let security = try #require(try await store.allSecurities().first).id
                let ada = try await store.createUser(username: "ada", passwordHash: "hash", at: Date()).id
                let bob = try await store.createUser(username: "bob", passwordHash: "hash", at: Date()).id
                let created = Date(timeIntervalSince1970: 1_700_000_000)
                let first = try await store.createAlert(
                    userID: ada, securityID: security, condition: "price_above", value: 1_905_000, limit: 2, at: created)
                #expect(first.ticker == "AL1" && first.triggeredAt == nil && first.createdAt == created)
                let second = try await store.createAlert(
                    userID: ada, securityID: security, condition: "change_percent_below", value: -15_000, limit: 2,
                    at: created)
                await #expect(throws: StorageError.limitReached(AlertMessages.tooMany(2))) {
                    _ = try await store.createAlert(
                        userID: ada, securityID: security, condition: "price_below", value: 1, limit: 2, at: created)
                }
                await #expect(throws: StorageError.notFound(WatchlistMessages.unknownSecurity(999_999))) {
                    _ = try await store.createAlert(
                        userID: bob, securityID: 999_999, condition: "price_below", value: 1, limit: 2, at: created)
                }
                #expect(try await !store.deleteAlert(userID: bob, alertID: first.id))
                #expect(try await store.alerts(userID: ada).map(\.id) == [first.id, second.id])
                #expect(try await store.alerts(userID: bob).isEmpty)

                let firing = AlertFiring(alertID: first.id, price: Price("190.6")!, at: created + 60)
                let recorded = try await store.recordFirings([firing])
                #expect(recorded.map(\.id) == [first.id])
                #expect(recorded.first?.price == Price("190.6") && recorded.first?.triggeredAt == created + 60)
                // Recorded once: a second attempt (a retry, another leader) records nothing; a deleted alert neither.
                #expect(try await store.recordFirings([firing]).isEmpty)
                #expect(try await store.deleteAlert(userID: ada, alertID: second.id))
                #expect(try await store.recordFirings([AlertFiring(alertID: second.id, price: Price("1")!, at: created)])
                    .isEmpty)
                #expect(try await store.activeAlerts().isEmpty)
                // The fired alert still counts against the limit until it is deleted.
                _ = try await store.createAlert(
                    userID: ada, securityID: security, condition: "price_below", value: 1, limit: 2, at: created)
                await #expect(throws: StorageError.limitReached(AlertMessages.tooMany(2))) {
                    _ = try await store.createAlert(
                        userID: ada, securityID: security, condition: "price_below", value: 2, limit: 2, at: created)
                }
                return (ada, first)
            }
            // Reopened, as after a restart: the fired alert kept its time and price.
            try await database.withStore { store in
                let stored = try await store.alerts(userID: ada)
                #expect(stored.first?.id == first.id && stored.first?.price == Price("190.6"))
                #expect(try await store.activeAlerts().map(\.condition) == ["price_below"])
            }
        }
    }
}
