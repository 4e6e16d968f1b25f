import Foundation
import Hummingbird
import HummingbirdTesting
import StockServer
import StockStorage
import Testing

/// The list routes whose storage call checks the token (`BearerTokenReader`): a missing or invalid token is a 401
/// before anything else is looked at, a malformed body included.
@Suite("Token-checked list routes")
struct WatchlistTokenTests {
    @Test("no token, a logged-out token or a made-up one: 401 on every token-checked route, before a bad body")
    func invalidTokens() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        let ids = try await addTestSecurities(2, to: stores)
        let app = try await buildApplication(testConfiguration(), stores: stores)
        try await app.test(.router) { client in
            let carol = try await client.register("carol")
            let token = try await client.login("carol")
            let list = try #require(try await stores.watchlists.watchlists(userID: carol).first).id
            let loggedOut = try await client.login("carol")
            #expect(try await client.send(.post, "/auth/logout", token: loggedOut).status == .noContent)
            let requests: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/user/watchlists", nil),
                (.get, "/user/watchlists/\(list)/securities", nil),
                (.post, "/user/watchlists/\(list)/securities", #"{"id": \#(ids[0])}"#),
                (.post, "/user/watchlists/\(list)/securities", #"{"id": "x"}"#),
                (.put, "/user/watchlists/\(list)/order", #"{"ids": []}"#),
                (.put, "/user/watchlists/\(list)/order", #"{"ids": 5}"#),
                (.get, "/user/security", nil),
                (.post, "/user/security", #"{"id": \#(ids[0])}"#),
                (.post, "/user/security", "not json"),
            ]
            for (method, path, body) in requests {
                let missing = try await client.send(method, path, json: body)
                #expect(missing.status == .unauthorized, "\(method) \(path)")
                #expect(try missing.errorMessage() == "authentication required: send Authorization: Bearer <token>")
                for bad in [loggedOut, "made-up-token"] {
                    let reply = try await client.send(method, path, token: bad, json: body)
                    #expect(reply.status == .unauthorized, "\(method) \(path) \(body ?? "")")
                    #expect(try reply.errorMessage() == "the token is invalid, expired or revoked")
                }
            }
            // Nothing changed, and a valid token with the same bad bodies gets the 400.
            #expect(try await client.send(.get, "/user/security", token: token).securityIDs().isEmpty)
            let badBodies: Set<String> = [#"{"id": "x"}"#, #"{"ids": 5}"#, "not json"]
            for (method, path, body) in requests where body.map(badBodies.contains) == true {
                #expect(try await client.send(method, path, token: token, json: body).status == .badRequest)
            }
            let added = try await client.send(.post, "/user/watchlists/\(list)/securities", token: token,
                                              json: #"{"id": \#(ids[1])}"#)
            #expect(added.status == .created)
            #expect(try await client.send(.get, "/user/watchlists/\(list)/securities", token: token).securityIDs() == [ids[1]])
        }
    }
}
