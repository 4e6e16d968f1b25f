import Foundation
import Hummingbird
import HummingbirdTesting
import StockAccounts
import StockApp
import StockServer
import Testing

@Suite("Register, login, logout and tokens")
struct AuthTests {
    @Test("register, log in, use the token, log out: the token then gets 401")
    func registerLoginLogout() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            let register = try await client.send(
                .post, "/auth/register", json: #"{"username": "Alice", "password": "correct horse"}"#)
            #expect(register.status == .created)
            #expect(try register.object()["username"] as? String == "alice")

            let login = try await client.send(.post, "/auth/login", json: #"{"username": " ALICE ", "password": "correct horse"}"#)
            #expect(login.status == .ok)
            let body = try login.object()
            let token = try #require(body["token"] as? String)
            #expect(token.count == 43)
            let expiry = try #require(body["expires_at"] as? String)
            let expiresAt = try #require(ISO8601DateFormatter().date(from: expiry))
            #expect(expiresAt.timeIntervalSinceNow > 29 * 24 * 3600)
            #expect((body["user"] as? [String: Any])?["username"] as? String == "alice")

            #expect(try await client.send(.get, "/user/security", token: token).status == .ok)
            #expect(try await client.send(.post, "/auth/logout", token: token).status == .noContent)
            let afterLogout = try await client.send(.get, "/user/security", token: token)
            #expect(afterLogout.status == .unauthorized)
            #expect(try afterLogout.errorMessage().contains("revoked"))
            #expect(try await client.send(.post, "/auth/logout", token: token).status == .unauthorized)
        }
    }

    @Test("a second login gets its own token; logging one out leaves the other working")
    func tokensAreIndependent() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("bob")
            let first = try await client.login("bob")
            let second = try await client.login("bob")
            #expect(first != second)
            #expect(try await client.send(.post, "/auth/logout", token: first).status == .noContent)
            #expect(try await client.send(.get, "/user/security", token: first).status == .unauthorized)
            #expect(try await client.send(.get, "/user/security", token: second).status == .ok)
        }
    }

    @Test("wrong password, unknown user, missing, malformed and unknown tokens all get 401")
    func unauthorized() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("carol")
            let wrong = try await client.send(.post, "/auth/login", json: credentials("carol", "wrong password"))
            #expect(wrong.status == .unauthorized)
            let unknown = try await client.send(.post, "/auth/login", json: credentials("nobody", "correct horse"))
            #expect(unknown.status == .unauthorized)
            #expect(try wrong.errorMessage() == unknown.errorMessage())

            #expect(try await client.send(.get, "/user/security").status == .unauthorized)
            #expect(try await client.send(.get, "/user/security", token: AuthTokens.generate()).status == .unauthorized)
            var headers: HTTPFields = [:]
            headers[.authorization] = "Basic Y2Fyb2w6Y29ycmVjdCBob3JzZQ=="
            let basic = try await client.executeRequest(uri: "/user/security", method: .get, headers: headers, body: nil)
            #expect(basic.status == .unauthorized)
        }
    }

    @Test("an expired token gets 401")
    func expiredToken() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        let app = try await buildApplication(testConfiguration(), stores: stores)
        let user = try await stores.accounts.createUser(username: "dave", passwordHash: "unused", at: Date())
        let expired = AuthTokens.generate()
        let valid = AuthTokens.generate()
        let created = Date().addingTimeInterval(-3600)
        try await stores.accounts.insertToken(
            hash: AuthTokens.hash(expired), userID: user.id, createdAt: created, expiresAt: Date().addingTimeInterval(-1))
        try await stores.accounts.insertToken(
            hash: AuthTokens.hash(valid), userID: user.id, createdAt: created, expiresAt: Date().addingTimeInterval(3600))
        try await app.test(.router) { client in
            let reply = try await client.send(.get, "/user/security", token: expired)
            #expect(reply.status == .unauthorized)
            #expect(try reply.errorMessage().contains("expired"))
            #expect(try await client.send(.get, "/user/security", token: valid).status == .ok)
        }
    }

    @Test("the token also works as ?token= for clients that cannot set headers")
    func queryToken() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("erin")
            let token = try await client.login("erin")
            #expect(try await client.send(.get, "/user/security?token=\(token)").status == .ok)
            #expect(try await client.send(.get, "/user/security?token=nope").status == .unauthorized)
        }
    }

    @Test("user names are unique whatever their case or width; bad names and passwords are 400")
    func registrationRules() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("frank")
            for taken in ["Frank", " FRANK ", "ｆｒａｎｋ"] {
                let reply = try await client.send(.post, "/auth/register", json: credentials(taken, "another password"))
                #expect(reply.status == .conflict, "\(taken)")
                #expect(try reply.errorMessage().contains("taken"))
            }
            let badNames = ["", "   ", "two words", "tab\\there", "ctrl\\u0007", String(repeating: "x", count: 65)]
            for name in badNames {
                let reply = try await client.send(.post, "/auth/register", json: credentials(name, "long enough"))
                #expect(reply.status == .badRequest, "\(name)")
                #expect(try reply.errorMessage().contains("username"))
            }
            #expect(try await client.send(
                .post, "/auth/register", json: credentials(String(repeating: "x", count: 64), "long enough")
            ).status == .created)
            for password in ["short", String(repeating: "é", count: 37), "nul\\u0000inside"] {
                let reply = try await client.send(.post, "/auth/register", json: credentials("grace", password))
                #expect(reply.status == .badRequest, "\(password)")
                #expect(try reply.errorMessage().contains("password"))
            }
            #expect(try await client.send(
                .post, "/auth/register", json: credentials("grace", String(repeating: "é", count: 36))
            ).status == .created)
        }
    }

    @Test("malformed bodies get a 400 JSON error naming the problem")
    func malformedBodies() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            let cases: [(String?, String)] = [
                (nil, "needs a JSON body"),
                ("{not json", "not valid JSON"),
                ("[1, 2]", "JSON object"),
                (#"{"username": "heidi"}"#, #"missing "password""#),
                (#"{"username": 5, "password": "long enough"}"#, #""username" must be a string"#),
                (#"{"username": null, "password": "long enough"}"#, #""username" must be a string, not null"#),
            ]
            for (body, message) in cases {
                for path in ["/auth/register", "/auth/login"] {
                    let reply = try await client.send(.post, path, json: body)
                    #expect(reply.status == .badRequest, "\(path) \(body ?? "nil")")
                    #expect(try reply.errorMessage().contains(message), "\(path) \(body ?? "nil")")
                }
            }
        }
    }
}
