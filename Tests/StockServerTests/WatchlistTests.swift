import Foundation
import Hummingbird
import HummingbirdTesting
import StockApp
import StockMarket
import StockServer
import StockStorage
import Testing

/// Records the users whose watchlist changed, and what the list held when it was told.
actor RecordingObserver: WatchlistChangeObserver {
    let watchlists: any WatchlistStore
    private(set) var changes: [(userID: Int64, items: [Int64])] = []

    init(watchlists: any WatchlistStore) {
        self.watchlists = watchlists
    }

    func watchlistDidChange(userID: Int64) async {
        let items = (try? await watchlists.watchlist(userID: userID).map(\.id)) ?? []
        changes.append((userID, items))
    }
}

@Suite("Watchlist API")
struct WatchlistTests {
    @Test("add, list, re-add, remove by every path; the observer sees each committed change")
    func addListRemove() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        let ids = try await addTestSecurities(3, to: stores)
        let observer = RecordingObserver(watchlists: stores.watchlists)
        let app = try await buildApplication(testConfiguration(), stores: stores, watchlistObserver: observer)
        try await app.test(.router) { client in
            let userID = try await client.register("alice")
            let token = try await client.login("alice")
            #expect(try await client.send(.get, "/user/security", token: token).securityIDs() == [])

            let added = try await client.send(.post, "/user/security", token: token, json: #"{"id": \#(ids[0])}"#)
            #expect(added.status == .created)
            #expect(try added.object()["ticker"] as? String == "T1")
            #expect(try added.object().keys.contains("last_price"))
            let again = try await client.send(.post, "/user/security/", token: token, json: #"{"id": \#(ids[0])}"#)
            #expect(again.status == .ok)
            for id in ids.dropFirst() {
                let reply = try await client.send(.post, "/user/security/", token: token, json: #"{"id": "\#(id)"}"#)
                #expect(reply.status == .created)
            }
            #expect(try await client.send(.get, "/user/security", token: token).securityIDs() == ids)
            #expect(try await client.send(.get, "/user/security/", token: token).securityIDs() == ids)

            #expect(try await client.send(.delete, "/user/security", token: token, json: #"{"id": \#(ids[0])}"#).status
                == .noContent)
            #expect(try await client.send(.delete, "/user/security/", token: token, json: #"{"id": \#(ids[1])}"#).status
                == .noContent)
            #expect(try await client.send(.delete, "/user/security/\(ids[2])", token: token).status == .noContent)
            #expect(try await client.send(.delete, "/user/security/\(ids[2])", token: token).status == .noContent)
            #expect(try await client.send(.get, "/user/security", token: token).securityIDs() == [])

            let changes = await observer.changes
            #expect(changes.map(\.userID) == Array(repeating: userID, count: 6))
            #expect(changes.map(\.items) == [[ids[0]], [ids[0], ids[1]], ids, [ids[1], ids[2]], [ids[2]], []])
        }
    }

    @Test("user A can neither read nor change user B's list by any route")
    func isolation() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        let ids = try await addTestSecurities(3, to: stores)
        let app = try await buildApplication(testConfiguration(), stores: stores)
        try await app.test(.router) { client in
            let aliceID = try await client.register("alice")
            let bobID = try await client.register("bob")
            let alice = try await client.login("alice")
            let bob = try await client.login("bob")
            _ = try await client.send(.post, "/user/security", token: bob, json: #"{"id": \#(ids[0])}"#)
            _ = try await client.send(.post, "/user/security", token: alice, json: #"{"id": \#(ids[1])}"#)

            #expect(try await client.send(.get, "/user/security", token: alice).securityIDs() == [ids[1]])
            // Ids of users in paths, queries or bodies are ignored: only the token says whose list it is.
            for uri in ["/user/security?user=\(bobID)", "/user/security?id=\(bobID)", "/user/\(bobID)/security"] {
                let reply = try await client.send(.get, uri, token: alice)
                if reply.status == .ok {
                    #expect(try reply.securityIDs() == [ids[1]], "\(uri)")
                }
            }
            _ = try await client.send(
                .post, "/user/security", token: alice, json: #"{"id": \#(ids[2]), "user_id": \#(bobID)}"#)
            #expect(try await client.send(
                .delete, "/user/security", token: alice, json: #"{"id": \#(ids[0]), "user_id": \#(bobID)}"#
            ).status == .noContent)
            #expect(try await client.send(.delete, "/user/security/\(ids[0])", token: alice).status == .noContent)

            #expect(try await client.send(.get, "/user/security", token: bob).securityIDs() == [ids[0]])
            #expect(try await client.send(.get, "/user/security", token: alice).securityIDs() == [ids[1], ids[2]])
            #expect(try await stores.watchlists.watchlist(userID: bobID).map(\.id) == [ids[0]])
            #expect(try await stores.watchlists.watchlist(userID: aliceID).map(\.id) == [ids[1], ids[2]])
        }
    }

    @Test("unknown securities are 404, bad bodies and ids 400 with a message, all as JSON errors")
    func errors() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        try await addTestSecurities(1, to: stores)
        let app = try await buildApplication(testConfiguration(), stores: stores)
        try await app.test(.router) { client in
            try await client.register("carol")
            let token = try await client.login("carol")
            let unknown = try await client.send(.post, "/user/security", token: token, json: #"{"id": 999999}"#)
            #expect(unknown.status == .notFound)
            #expect(try unknown.errorMessage().contains("999999"))
            #expect(try await client.send(.delete, "/user/security", token: token, json: #"{"id": 999999}"#).status
                == .notFound)
            #expect(try await client.send(.delete, "/user/security/999999", token: token).status == .notFound)

            let bad: [(HTTPRequest.Method, String, String?, String)] = [
                (.post, "/user/security", nil, "needs a JSON body"),
                (.post, "/user/security", "{\"id\": ", "not valid JSON"),
                (.post, "/user/security", #"{"ticker": "AAPL"}"#, #"missing "id""#),
                (.post, "/user/security/", #"{"id": "abc"}"#, #""id" must be an integer"#),
                (.post, "/user/security", #"{"id": 1.5}"#, #""id" must be an integer"#),
                (.post, "/user/security", #"{"id": true}"#, #""id" must be an integer"#),
                (.delete, "/user/security", nil, "needs a JSON body"),
                (.delete, "/user/security/", #"{"id": null}"#, #""id" must be an integer, not null"#),
                (.delete, "/user/security/abc", nil, "must be an integer"),
            ]
            for (method, path, body, message) in bad {
                let reply = try await client.send(method, path, token: token, json: body)
                #expect(reply.status == .badRequest, "\(method) \(path) \(body ?? "nil")")
                #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try reply.errorMessage()
                #expect(error.contains(message), "\(method) \(path) \(body ?? "nil"): \(error)")
            }
            let padding = String(repeating: " ", count: 20_000)
            let huge = try await client.send(.post, "/user/security", token: token, json: #"{"id": 1\#(padding)}"#)
            #expect(huge.status == .contentTooLarge)
            #expect(try huge.errorMessage().contains("at most"))
        }
    }

    @Test("a watchlist holds at most 500 securities: the 501st is a 409")
    func limit() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        let ids = try await addTestSecurities(501, to: stores)
        let app = try await buildApplication(testConfiguration(), stores: stores)
        try await app.test(.router) { client in
            let userID = try await client.register("dave")
            let token = try await client.login("dave")
            for id in ids.prefix(499) {
                _ = try await stores.watchlists.addToWatchlist(userID: userID, securityID: id, limit: 500, at: Date())
            }
            #expect(try await client.send(.post, "/user/security", token: token, json: #"{"id": \#(ids[499])}"#).status
                == .created)
            let full = try await client.send(.post, "/user/security", token: token, json: #"{"id": \#(ids[500])}"#)
            #expect(full.status == .conflict)
            #expect(try full.errorMessage().contains("500"))
            // Re-adding one already there is still fine, and removing makes room.
            #expect(try await client.send(.post, "/user/security", token: token, json: #"{"id": \#(ids[0])}"#).status
                == .ok)
            #expect(try await client.send(.delete, "/user/security/\(ids[0])", token: token).status == .noContent)
            #expect(try await client.send(.post, "/user/security", token: token, json: #"{"id": \#(ids[500])}"#).status
                == .created)
            #expect(try await client.send(.get, "/user/security", token: token).securityIDs().count == 500)
        }
    }
}
