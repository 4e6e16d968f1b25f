import Foundation
import StockListing
import StockStorage
import Testing

@Suite("Watchlist store")
struct WatchlistStoreTests {
    static let listing = (1...5).map { ListingRecord(symbol: "T\($0)", name: "Test \($0)") }

    /// A store with the test listing and one user.
    private func withUserAndListing(
        _ backend: StorageBackend,
        _ body: @Sendable (any FullStore, _ userID: Int64, _ securityIDs: [Int64]) async throws -> Void
    ) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                _ = try await store.upsert(Self.listing)
                let user = try await store.createUser(username: "ada", passwordHash: "hash", at: Date())
                try await body(store, user.id, try await store.allSecurities().map(\.id))
            }
        }
    }

    @Test("adds keep their order, a second add is reported, removes say whether it was there",
          arguments: StorageBackend.allCases)
    func addAndRemove(backend: StorageBackend) async throws {
        try await withUserAndListing(backend) { (store, user, ids) async throws in
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            #expect(try await store.addToWatchlist(userID: user, securityID: ids[2], limit: 10, at: start) == .added)
            #expect(try await store.addToWatchlist(
                userID: user, securityID: ids[0], limit: 10, at: start.addingTimeInterval(1)) == .added)
            #expect(try await store.addToWatchlist(
                userID: user, securityID: ids[2], limit: 10, at: start.addingTimeInterval(2)) == .alreadyPresent)
            #expect(try await store.watchlist(userID: user).map(\.ticker) == ["T3", "T1"])
            #expect(try await store.removeFromWatchlist(userID: user, securityID: ids[2]))
            #expect(try await !store.removeFromWatchlist(userID: user, securityID: ids[2]))
            #expect(try await store.watchlist(userID: user).map(\.ticker) == ["T1"])
        }
    }

    @Test("an unknown security is not found and the limit holds", arguments: StorageBackend.allCases)
    func unknownAndLimit(backend: StorageBackend) async throws {
        try await withUserAndListing(backend) { (store, user, ids) async throws in
            await #expect(throws: StorageError.notFound("no security has the id 999999")) {
                _ = try await store.addToWatchlist(userID: user, securityID: 999_999, limit: 10, at: Date())
            }
            for id in ids.prefix(3) {
                _ = try await store.addToWatchlist(userID: user, securityID: id, limit: 3, at: Date())
            }
            await #expect(throws: StorageError.limitReached("a watchlist holds at most 3 securities")) {
                _ = try await store.addToWatchlist(userID: user, securityID: ids[3], limit: 3, at: Date())
            }
            #expect(try await store.addToWatchlist(userID: user, securityID: ids[0], limit: 3, at: Date()) == .alreadyPresent)
            #expect(try await store.watchlist(userID: user).count == 3)
        }
    }

    @Test("concurrent adds of different securities never pass the limit", arguments: StorageBackend.allCases)
    func concurrentAddsKeepTheLimit(backend: StorageBackend) async throws {
        try await withUserAndListing(backend) { (store, user, ids) async throws in
            let added = await withTaskGroup(of: Bool.self) { group in
                for id in ids {
                    group.addTask {
                        (try? await store.addToWatchlist(userID: user, securityID: id, limit: 2, at: Date())) == .added
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(added == 2)
            #expect(try await store.watchlist(userID: user).count == 2)
        }
    }
}
