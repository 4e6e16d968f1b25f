import Foundation
import StockListing
import StockStorage
import Testing

@Suite("Several watchlists per user")
struct WatchlistListsTests {
    static let listing = (1...6).map { ListingRecord(symbol: "L\($0)", name: "List test \($0)") }

    private func withTwoUsers(
        _ backend: StorageBackend,
        _ body: @Sendable (any FullStore, _ ada: Int64, _ bob: Int64, _ securityIDs: [Int64]) async throws -> Void
    ) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                _ = try await store.upsert(Self.listing)
                let ada = try await store.createUser(username: "ada", passwordHash: "hash", at: Date())
                let bob = try await store.createUser(username: "bob", passwordHash: "hash", at: Date())
                try await body(store, ada.id, bob.id, try await store.allSecurities().map(\.id))
            }
        }
    }

    @Test("registration creates Watchlist; lists come in creation order; names are unique per user",
          arguments: StorageBackend.allCases)
    func createAndName(backend: StorageBackend) async throws {
        try await withTwoUsers(backend) { (store, ada, bob, _) async throws in
            let first = try #require(try await store.watchlists(userID: ada).first)
            #expect(try await store.watchlists(userID: ada) == [WatchlistSummary(id: first.id, name: "Watchlist", count: 0)])
            let tech = try await store.createWatchlist(userID: ada, name: "Tech", maximumLists: 3, at: Date())
            let banks = try await store.createWatchlist(userID: ada, name: "Banks", maximumLists: 3, at: Date())
            #expect(try await store.watchlists(userID: ada).map(\.name) == ["Watchlist", "Tech", "Banks"])
            await #expect(throws: StorageError.conflict(WatchlistMessages.nameTaken("Tech"))) {
                _ = try await store.createWatchlist(userID: ada, name: "Tech", maximumLists: 20, at: Date())
            }
            await #expect(throws: StorageError.limitReached(WatchlistMessages.tooManyLists(3))) {
                _ = try await store.createWatchlist(userID: ada, name: "Fourth", maximumLists: 3, at: Date())
            }
            // Another user may use the same name.
            _ = try await store.createWatchlist(userID: bob, name: "Tech", maximumLists: 3, at: Date())
            // Renaming: to a free name, to its own name, never to a taken one.
            #expect(try await store.renameWatchlist(userID: ada, listID: tech.id, to: "Chips").name == "Chips")
            #expect(try await store.renameWatchlist(userID: ada, listID: tech.id, to: "Chips").name == "Chips")
            await #expect(throws: StorageError.conflict(WatchlistMessages.nameTaken("Banks"))) {
                _ = try await store.renameWatchlist(userID: ada, listID: tech.id, to: "Banks")
            }
            #expect(try await store.watchlists(userID: ada).map(\.name) == ["Watchlist", "Chips", "Banks"])
            _ = banks
        }
    }

    @Test("items go to the end, the order is the user's, and only a permutation is accepted",
          arguments: StorageBackend.allCases)
    func order(backend: StorageBackend) async throws {
        try await withTwoUsers(backend) { (store, ada, _, ids) async throws in
            let list = try await store.createWatchlist(userID: ada, name: "Tech", maximumLists: 20, at: Date())
            for id in [ids[2], ids[0], ids[1]] {
                #expect(try await store.add(
                    securityID: id, userID: ada, to: .id(list.id), limits: WatchlistLimits(), at: Date()) == .added)
            }
            #expect(try await store.securities(userID: ada, in: .id(list.id)).map(\.id) == [ids[2], ids[0], ids[1]])
            try await store.reorder(userID: ada, listID: list.id, securityIDs: [ids[1], ids[2], ids[0]])
            #expect(try await store.securities(userID: ada, in: .id(list.id)).map(\.id) == [ids[1], ids[2], ids[0]])
            _ = try await store.add(securityID: ids[3], userID: ada, to: .id(list.id), limits: WatchlistLimits(), at: Date())
            #expect(try await store.securities(userID: ada, in: .id(list.id)).map(\.id).last == ids[3])
            for wrong in [[ids[1], ids[2]], [ids[1], ids[2], ids[0], ids[3], ids[4]], [ids[1], ids[1], ids[2], ids[0]],
                          [ids[1], ids[2], ids[0], ids[5]]] {
                await #expect(throws: StorageError.invalid(WatchlistMessages.badOrder)) {
                    try await store.reorder(userID: ada, listID: list.id, securityIDs: wrong)
                }
            }
            #expect(try await store.watchlists(userID: ada).map(\.count) == [0, 4])
            // The oldest list is untouched; every list's securities make the watched set, each once.
            _ = try await store.addToWatchlist(userID: ada, securityID: ids[0], limit: 10, at: Date())
            #expect(try await store.watchlist(userID: ada).map(\.id) == [ids[0]])
            #expect(try await store.watchedSecurities(userID: ada).map(\.id) == Array(ids.prefix(4)))
        }
    }

    @Test("500 items per list and distinct securities over all lists are bounded", arguments: StorageBackend.allCases)
    func limits(backend: StorageBackend) async throws {
        try await withTwoUsers(backend) { (store, ada, _, ids) async throws in
            let limits = WatchlistLimits(lists: 5, itemsPerList: 3, distinctSecurities: 4)
            let second = try await store.createWatchlist(userID: ada, name: "Two", maximumLists: 5, at: Date())
            for id in ids.prefix(3) {
                _ = try await store.add(securityID: id, userID: ada, to: .oldest, limits: limits, at: Date())
            }
            await #expect(throws: StorageError.limitReached(WatchlistMessages.listFull(3))) {
                _ = try await store.add(securityID: ids[3], userID: ada, to: .oldest, limits: limits, at: Date())
            }
            // Securities already watched on another list do not count again.
            for id in ids.prefix(2) + [ids[3]] {
                _ = try await store.add(securityID: id, userID: ada, to: .id(second.id), limits: limits, at: Date())
            }
            let third = try await store.createWatchlist(userID: ada, name: "Three", maximumLists: 5, at: Date())
            _ = try await store.add(securityID: ids[2], userID: ada, to: .id(third.id), limits: limits, at: Date())
            await #expect(throws: StorageError.limitReached(WatchlistMessages.tooManyDistinct(4))) {
                _ = try await store.add(securityID: ids[4], userID: ada, to: .id(third.id), limits: limits, at: Date())
            }
            #expect(try await store.watchedSecurities(userID: ada).count == 4)
        }
    }

    @Test("deleting takes the items with it, never the last list; another user's list is not found",
          arguments: StorageBackend.allCases)
    func deleteAndIsolation(backend: StorageBackend) async throws {
        try await withTwoUsers(backend) { (store, ada, bob, ids) async throws in
            let first = try #require(try await store.watchlists(userID: ada).first)
            let tech = try await store.createWatchlist(userID: ada, name: "Tech", maximumLists: 20, at: Date())
            _ = try await store.add(securityID: ids[0], userID: ada, to: .id(tech.id), limits: WatchlistLimits(), at: Date())
            let notFound = StorageError.notFound(WatchlistMessages.unknownList(.id(tech.id)))
            await #expect(throws: notFound) { _ = try await store.securities(userID: bob, in: .id(tech.id)) }
            await #expect(throws: notFound) {
                _ = try await store.add(securityID: ids[1], userID: bob, to: .id(tech.id), limits: WatchlistLimits(), at: Date())
            }
            await #expect(throws: notFound) { _ = try await store.remove(securityID: ids[0], userID: bob, from: .id(tech.id)) }
            await #expect(throws: notFound) { try await store.reorder(userID: bob, listID: tech.id, securityIDs: [ids[0]]) }
            await #expect(throws: notFound) { _ = try await store.renameWatchlist(userID: bob, listID: tech.id, to: "Mine") }
            await #expect(throws: notFound) { try await store.deleteWatchlist(userID: bob, listID: tech.id) }
            #expect(try await store.securities(userID: ada, in: .id(tech.id)).map(\.id) == [ids[0]])

            try await store.deleteWatchlist(userID: ada, listID: tech.id)
            #expect(try await store.watchlists(userID: ada).map(\.id) == [first.id])
            #expect(try await store.watchedSecurities(userID: ada).isEmpty)
            await #expect(throws: StorageError.conflict(WatchlistMessages.lastList)) {
                try await store.deleteWatchlist(userID: ada, listID: first.id)
            }
            // The oldest list can go once it is not the last; `/user/security` then edits the next oldest.
            let next = try await store.createWatchlist(userID: ada, name: "Next", maximumLists: 20, at: Date())
            try await store.deleteWatchlist(userID: ada, listID: first.id)
            _ = try await store.addToWatchlist(userID: ada, securityID: ids[2], limit: 10, at: Date())
            #expect(try await store.securities(userID: ada, in: .id(next.id)).map(\.id) == [ids[2]])
        }
    }
}
