import Foundation
import StockListing
import StockStorage
import Testing

/// PostgreSQL's one-statement list requests (`TokenScopedWatchlistStore`): the token check inside the statement,
/// 401 (nil) before 404, and the limits under concurrent changes from two stores on one database (two nodes).
@Suite("Token-checked list statements on PostgreSQL")
struct TokenScopedWatchlistTests {
    static let listing = (1...12).map { ListingRecord(symbol: "T\($0)", name: "Token test \($0)") }

    private struct Fixture: Sendable {
        let store: any FullStore
        let scoped: any TokenScopedWatchlistStore
        let ada: Int64
        let adaList: Int64
        let ids: [Int64]

        /// A new token of `userID`, valid for an hour unless `expiresIn` says otherwise.
        func token(of userID: Int64, expiresIn seconds: TimeInterval = 3600) async throws -> TokenCheck {
            let hash = Data((0..<32).map { _ in UInt8.random(in: 0...255) })
            let now = Date()
            try await store.insertToken(
                hash: hash, userID: userID, createdAt: now.addingTimeInterval(-7200),
                expiresAt: now.addingTimeInterval(seconds))
            return TokenCheck(hash: hash, now: now)
        }
    }

    /// A fresh PostgreSQL database with the listing and Ada, whose first list is `adaList`.
    private func withAda(_ body: @Sendable (TestDatabase, Fixture) async throws -> Void) async throws {
        try await StorageBackend.postgres.withFreshDatabase { database in
            try await database.withStore { store in
                _ = try await store.upsert(Self.listing)
                let ada = try await store.createUser(username: "ada", passwordHash: "hash", at: Date())
                let list = try #require(try await store.watchlists(userID: ada.id).first)
                let scoped = try #require(store as? any TokenScopedWatchlistStore)
                let ids = try await store.allSecurities().map(\.id)
                try await body(database, Fixture(store: store, scoped: scoped, ada: ada.id, adaList: list.id, ids: ids))
            }
        }
    }

    @Test("an unknown, expired or revoked token is nil (401) for every request, whatever else is wrong")
    func invalidTokens() async throws {
        try await withAda { (_, f) async throws in
            _ = try await f.store.add(securityID: f.ids[0], userID: f.ada, to: .oldest, limits: WatchlistLimits(), at: Date())
            let expired = try await f.token(of: f.ada, expiresIn: -1)
            let revoked = try await f.token(of: f.ada)
            try await f.store.revokeToken(hash: revoked.hash, at: Date())
            let unknown = TokenCheck(hash: Data(repeating: 7, count: 32), now: Date())
            for token in [expired, revoked, unknown] {
                #expect(try await f.scoped.watchlists(token: token) == nil)
                #expect(try await f.scoped.securities(token: token, in: .oldest) == nil)
                #expect(try await f.scoped.securities(token: token, in: .id(f.adaList)) == nil)
                #expect(try await f.scoped.securities(token: token, in: .id(f.adaList + 1000)) == nil)
                for (security, list) in [(f.ids[1], f.adaList), (-5, f.adaList), (f.ids[1], f.adaList + 1000)] {
                    #expect(try await f.scoped.add(
                        securityID: security, token: token, to: .id(list), limits: WatchlistLimits(), at: Date()) == nil)
                }
                #expect(try await f.scoped.reorder(token: token, listID: f.adaList, securityIDs: [f.ids[0]]) == nil)
                #expect(try await f.scoped.reorder(token: token, listID: f.adaList, securityIDs: []) == nil)
            }
            #expect(try await f.store.securities(userID: f.ada, in: .oldest).map(\.id) == [f.ids[0]])
        }
    }

    @Test("another user's list is not found, an empty list is empty, reads and changes act on the token's user")
    func ownership() async throws {
        try await withAda { (_, f) async throws in
            let ada = try await f.token(of: f.ada)
            let bobID = try await f.store.createUser(username: "bob", passwordHash: "hash", at: Date()).id
            let bob = try await f.token(of: bobID)
            let bobList = try #require(try await f.store.watchlists(userID: bobID).first).id
            let limits = WatchlistLimits()

            let empty = try #require(try await f.scoped.securities(token: bob, in: .id(bobList)))
            #expect(empty.userID == bobID && empty.value.isEmpty)
            for id in [f.ids[2], f.ids[0], f.ids[1]] {
                let added = try #require(try await f.scoped.add(
                    securityID: id, token: ada, to: .oldest, limits: limits, at: Date()))
                #expect(added.userID == f.ada && added.value.addition == .added && added.value.security.id == id)
            }
            let again = try #require(try await f.scoped.add(
                securityID: f.ids[0], token: ada, to: .id(f.adaList), limits: limits, at: Date()))
            #expect(again.value.addition == .alreadyPresent)
            let listed = try #require(try await f.scoped.securities(token: ada, in: .id(f.adaList)))
            #expect(listed.userID == f.ada && listed.value.map(\.id) == [f.ids[2], f.ids[0], f.ids[1]])
            #expect(try await f.scoped.securities(token: ada, in: .oldest)?.value.map(\.id) == listed.value.map(\.id))
            let lists = try #require(try await f.scoped.watchlists(token: ada))
            #expect(lists.userID == f.ada && lists.value == [WatchlistSummary(id: f.adaList, name: "Watchlist", count: 3)])

            let notYours = StorageError.notFound(WatchlistMessages.unknownList(.id(f.adaList)))
            await #expect(throws: notYours) { _ = try await f.scoped.securities(token: bob, in: .id(f.adaList)) }
            await #expect(throws: notYours) {
                _ = try await f.scoped.add(securityID: f.ids[3], token: bob, to: .id(f.adaList), limits: limits, at: Date())
            }
            await #expect(throws: notYours) {
                _ = try await f.scoped.reorder(token: bob, listID: f.adaList, securityIDs: listed.value.map(\.id))
            }
            // An unknown security is named before the list.
            await #expect(throws: StorageError.notFound(WatchlistMessages.unknownSecurity(-5))) {
                _ = try await f.scoped.add(securityID: -5, token: bob, to: .id(f.adaList), limits: limits, at: Date())
            }

            let order = [f.ids[1], f.ids[2], f.ids[0]]
            #expect(try await f.scoped.reorder(token: ada, listID: f.adaList, securityIDs: order) == f.ada)
            #expect(try await f.store.securities(userID: f.ada, in: .oldest).map(\.id) == order)
            for bad in [[f.ids[1], f.ids[2]], [f.ids[1], f.ids[2], f.ids[2]], order + [f.ids[5]], [f.ids[1], f.ids[2], f.ids[5]]] {
                await #expect(throws: StorageError.invalid(WatchlistMessages.badOrder)) {
                    _ = try await f.scoped.reorder(token: ada, listID: f.adaList, securityIDs: bad)
                }
            }
            #expect(try await f.store.securities(userID: f.ada, in: .oldest).map(\.id) == order)
            #expect(try await f.store.securities(userID: bobID, in: .oldest).isEmpty)
        }
    }

    @Test("the items and distinct limits hold when two nodes add for one user at once")
    func concurrentLimits() async throws {
        try await withAda { (database, f) async throws in
            let token = try await f.token(of: f.ada)
            let second = try await f.store.createWatchlist(userID: f.ada, name: "Second", maximumLists: 20, at: Date())
            let limits = WatchlistLimits(lists: 20, itemsPerList: 5, distinctSecurities: 7)
            try await database.withStore { other in
                let nodes = [f.scoped, try #require(other as? any TokenScopedWatchlistStore)]
                /// Adds each security to `list` at once, alternating the nodes; the answers, in order.
                @Sendable func addAll(_ securities: ArraySlice<Int64>, to list: Int64) async throws -> [String] {
                    try await withThrowingTaskGroup(of: String.self) { group in
                        for (index, id) in securities.enumerated() {
                            let node = nodes[index % 2]
                            group.addTask {
                                do {
                                    let added = try await node.add(
                                        securityID: id, token: token, to: .id(list), limits: limits, at: Date())
                                    return added?.value.addition == .added ? "added" : "other"
                                } catch let error as StorageError {
                                    return "\(error)"
                                }
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }.sorted()
                    }
                }
                let full = StorageError.limitReached(WatchlistMessages.listFull(5))
                let first = try await addAll(f.ids[0..<12], to: f.adaList)
                #expect(first == Array(repeating: "added", count: 5) + Array(repeating: "\(full)", count: 7))
                #expect(try await f.store.securities(userID: f.ada, in: .oldest).count == 5)

                // Five distinct securities are watched; the second list may add two more, whoever adds them.
                let watched = Set(try await f.store.securities(userID: f.ada, in: .oldest).map(\.id))
                let unwatched = f.ids.filter { !watched.contains($0) }
                let tooMany = StorageError.limitReached(WatchlistMessages.tooManyDistinct(7))
                let next = try await addAll(unwatched[...], to: second.id)
                #expect(next == Array(repeating: "added", count: 2) + Array(repeating: "\(tooMany)", count: 5))
                #expect(try await f.store.watchedSecurities(userID: f.ada).count == 7)
            }
        }
    }
}
