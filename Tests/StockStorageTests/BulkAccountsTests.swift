import Foundation
import StockListing
import StockModel
import StockStorage
import Testing

@Suite("Bulk accounts (the data generator's path)")
struct BulkAccountsTests {
    @Test(
        "accounts, their watchlists in order and their tokens are stored; a taken name changes nothing",
        arguments: StorageBackend.allCases)
    func insertAccounts(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in try await database.withStore { store in
            _ = try await store.upsert(["A", "B", "C"].map { ListingRecord(symbol: $0, name: "Security \($0)") })
            let ids = try await store.allSecurityIDs()
            #expect(ids.count == 3)
            let tokenHash = Data(repeating: 7, count: 32)
            let now = Date()
            try await store.insertAccounts(
                [
                    BulkAccount(username: "user000001", securityIDs: [ids[2], ids[0]], tokenHash: tokenHash),
                    BulkAccount(username: "user000002", securityIDs: [ids[1]]),
                ],
                passwordHash: "hash", at: now, tokenExpiry: now.addingTimeInterval(3600))

            let first = try #require(try await store.user(username: "user000001"))
            #expect(first.passwordHash == "hash")
            #expect(try await store.watchlist(userID: first.id).map(\.id) == [ids[2], ids[0]])
            #expect(try await store.user(tokenHash: tokenHash, now: now)?.id == first.id)
            let second = try #require(try await store.user(username: "user000002"))
            #expect(try await store.watchlist(userID: second.id).map(\.id) == [ids[1]])

            await #expect(throws: (any Error).self) {
                try await store.insertAccounts(
                    [
                        BulkAccount(username: "user000003", securityIDs: [ids[0]]),
                        BulkAccount(username: "user000001", securityIDs: []),
                    ],
                    passwordHash: "hash", at: now, tokenExpiry: now)
            }
            #expect(try await store.user(username: "user000003") == nil)
        } }
    }
}
