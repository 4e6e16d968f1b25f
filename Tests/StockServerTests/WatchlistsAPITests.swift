import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import StockServer
import StockStorage
import Testing

@Suite("Several watchlists API")
struct WatchlistsAPITests {
    @Test("create, rename, list, order and delete lists; /user/security edits the oldest")
    func lifecycle() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        let ids = try await addTestSecurities(3, to: stores)
        let app = try await buildApplication(testConfiguration(), stores: stores)
        try await app.test(.router) { client in
            try await client.register("alice")
            let token = try await client.login("alice")
            let initial = try await client.send(.get, "/user/watchlists", token: token)
            #expect(initial.status == .ok)
            let lists = try JSONDecoder().decode([ListReply].self, from: initial.body)
            #expect(lists.map(\.name) == ["Watchlist"])
            let first = try #require(lists.first).id

            let created = try await client.send(.post, "/user/watchlists", token: token, json: #"{"name": "  Tech  "}"#)
            #expect(created.status == .created)
            let tech = try JSONDecoder().decode(ListReply.self, from: created.body)
            #expect(tech.name == "Tech" && tech.count == 0)
            for id in ids {
                #expect(try await client.send(
                    .post, "/user/watchlists/\(tech.id)/securities", token: token, json: #"{"id": \#(id)}"#).status == .created)
            }
            #expect(try await client.send(
                .post, "/user/watchlists/\(tech.id)/securities/", token: token, json: #"{"id": \#(ids[0])}"#).status == .ok)
            let reversed = Array(ids.reversed())
            #expect(try await client.send(
                .put, "/user/watchlists/\(tech.id)/order", token: token, json: #"{"ids": \#(reversed)}"#).status == .noContent)
            #expect(try await client.send(.get, "/user/watchlists/\(tech.id)/securities", token: token).securityIDs() == reversed)
            let badOrder = try await client.send(
                .put, "/user/watchlists/\(tech.id)/order", token: token, json: #"{"ids": [\#(ids[0])]}"#)
            #expect(badOrder.status == .badRequest)
            #expect(try badOrder.errorMessage() == WatchlistMessages.badOrder)

            let renamed = try await client.send(.patch, "/user/watchlists/\(tech.id)", token: token, json: #"{"name": "Chips"}"#)
            #expect(renamed.status == .ok)
            #expect(try JSONDecoder().decode(ListReply.self, from: renamed.body) == ListReply(id: tech.id, name: "Chips", count: 3))
            #expect(try await client.send(.delete, "/user/watchlists/\(tech.id)/securities/\(ids[1])", token: token).status
                == .noContent)
            #expect(try await client.send(
                .delete, "/user/watchlists/\(tech.id)/securities", token: token, json: #"{"id": \#(ids[2])}"#).status
                == .noContent)
            #expect(try await client.send(.get, "/user/watchlists/\(tech.id)/securities", token: token).securityIDs() == [ids[0]])

            // /user/security is the oldest list.
            _ = try await client.send(.post, "/user/security", token: token, json: #"{"id": \#(ids[2])}"#)
            #expect(try await client.send(.get, "/user/watchlists/\(first)/securities", token: token).securityIDs() == [ids[2]])

            #expect(try await client.send(.delete, "/user/watchlists/\(tech.id)", token: token).status == .noContent)
            let last = try await client.send(.delete, "/user/watchlists/\(first)", token: token)
            #expect(last.status == .conflict)
            #expect(try last.errorMessage() == WatchlistMessages.lastList)
        }
    }

    @Test("bad names are 400, taken names and limits 409, another user's list 404, each naming the problem")
    func hostileInput() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        let ids = try await addTestSecurities(3, to: stores)
        var configuration = testConfiguration()
        configuration.watchlists = WatchlistLimits(lists: 2, itemsPerList: 1, distinctSecurities: 10)
        let app = try await buildApplication(configuration, stores: stores)
        try await app.test(.router) { client in
            try await client.register("alice")
            try await client.register("bob")
            let alice = try await client.login("alice")
            let bob = try await client.login("bob")
            let bad: [(String, String)] = [
                (#"{"name": "   "}"#, #""name" must not be empty"#),
                (#"{"name": "\#(String(repeating: "x", count: 65))"}"#, #""name" must be at most 64 characters"#),
                (#"{"name": "a\u0000b"}"#, #""name" must not contain control characters"#),
                (#"{"name": 5}"#, #""name" must be a string"#),
                (#"{}"#, #"the body is missing "name""#),
            ]
            for (body, message) in bad {
                let reply = try await client.send(.post, "/user/watchlists", token: alice, json: body)
                #expect(reply.status == .badRequest, "\(body)")
                #expect(try reply.errorMessage() == message)
            }
            let tech = try JSONDecoder().decode(ListReply.self, from: try await client.send(
                .post, "/user/watchlists", token: alice, json: #"{"name": "Tech"}"#).body)
            let taken = try await client.send(.post, "/user/watchlists", token: bob, json: #"{"name": "Watchlist"}"#)
            #expect(taken.status == .conflict)
            #expect(try taken.errorMessage() == WatchlistMessages.nameTaken("Watchlist"))
            let third = try await client.send(.post, "/user/watchlists", token: alice, json: #"{"name": "Third"}"#)
            #expect(third.status == .conflict)
            #expect(try third.errorMessage() == WatchlistMessages.tooManyLists(2))
            _ = try await client.send(.post, "/user/watchlists/\(tech.id)/securities", token: alice, json: #"{"id": \#(ids[0])}"#)
            let full = try await client.send(
                .post, "/user/watchlists/\(tech.id)/securities", token: alice, json: #"{"id": \#(ids[1])}"#)
            #expect(full.status == .conflict)
            #expect(try full.errorMessage() == WatchlistMessages.listFull(1))

            // Bob reaches nothing of Alice's lists: every route answers as for an unknown id.
            let unknown = WatchlistMessages.unknownList(.id(tech.id))
            let attempts: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/user/watchlists/\(tech.id)/securities", nil),
                (.post, "/user/watchlists/\(tech.id)/securities", #"{"id": \#(ids[2])}"#),
                (.delete, "/user/watchlists/\(tech.id)/securities/\(ids[0])", nil),
                (.put, "/user/watchlists/\(tech.id)/order", #"{"ids": [\#(ids[0])]}"#),
                (.patch, "/user/watchlists/\(tech.id)", #"{"name": "Mine"}"#),
                (.delete, "/user/watchlists/\(tech.id)", nil),
            ]
            for (method, path, body) in attempts {
                let reply = try await client.send(method, path, token: bob, json: body)
                #expect(reply.status == .notFound, "\(method) \(path)")
                #expect(try reply.errorMessage() == unknown)
            }
            #expect(try await client.send(.get, "/user/watchlists/\(tech.id)/securities", token: alice).securityIDs() == [ids[0]])
            let notANumber = try await client.send(.get, "/user/watchlists/x/securities", token: alice)
            #expect(notANumber.status == .badRequest)
            #expect(try await client.send(.get, "/user/watchlists").status == .unauthorized)
        }
    }

    @Test("a change to any list sends lists_changed and a snapshot of what newly appears to the open socket")
    func listsChangedOnSocket() async throws {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        _ = try await app.test(.live) { client in
            let port = client.port!
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                var step = 0
                var list: Int64 = 0
                let messages = try await LivePricesSocketTests.read(inbound) { message, all in
                    switch (step, message.type) {
                    case (0, "snapshot"):
                        step = 1
                        let created = try await LiveHTTP.send(
                            .post, port: port, "/user/watchlists", token: alice.token, json: #"{"name": "Tech"}"#)
                        list = try JSONDecoder().decode(ListReply.self, from: created.body).id
                    case (1, "lists_changed"):
                        step = 2
                        _ = try await LiveHTTP.send(
                            .post, port: port, "/user/watchlists/\(list)/securities", token: alice.token,
                            json: #"{"id": \#(fixture.ids["BBB"]!)}"#)
                    case (2, "snapshot"):
                        step = 3
                        // A security already watched on another list does not appear anew: no snapshot, only the
                        // announcement.
                        _ = try await LiveHTTP.send(
                            .post, port: port, "/user/watchlists/\(list)/securities", token: alice.token,
                            json: #"{"id": \#(fixture.ids["AAA"]!)}"#)
                    default: break
                    }
                    return step == 3 && all.filter { $0.type == "lists_changed" }.count == 3
                }
                let kinds = messages.map(\.type).filter { $0 != "prices" }
                #expect(kinds == ["snapshot", "lists_changed", "lists_changed", "snapshot", "lists_changed"])
                let added = try #require(messages.last { $0.type == "snapshot" })
                #expect(Array(added.prices.keys) == ["BBB"])
                #expect(messages.filter { $0.type == "lists_changed" }.allSatisfy { $0.text.hasPrefix(#"{"type":"lists_changed","at":""#) })
            }
        }
    }
}

/// `{"id", "name", "count"}` as a client reads it.
struct ListReply: Decodable, Equatable {
    var id: Int64
    var name: String
    var count: Int
}
