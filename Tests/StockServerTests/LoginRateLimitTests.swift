import Foundation
import Hummingbird
import HummingbirdTesting
import StockApp
import StockServer
import Testing

@Suite("Login rate limits")
struct LoginRateLimitTests {
    @Test("after 5 failures for one name, even the right password gets 429 with Retry-After; others still log in")
    func perUsername() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("mallory")
            try await client.register("trent")
            for _ in 1...5 {
                let reply = try await client.send(.post, "/auth/login", json: credentials("mallory", "guess guess"))
                #expect(reply.status == .unauthorized)
            }
            for password in ["guess guess", "correct horse"] {
                let reply = try await client.send(.post, "/auth/login", json: credentials("Mallory", password))
                #expect(reply.status == .tooManyRequests)
                let retryAfter = try #require(reply.headers[.retryAfter].flatMap { Int($0) })
                #expect((1...15 * 60).contains(retryAfter))
                #expect(try reply.errorMessage().contains("too many failed logins"))
            }
            _ = try await client.login("trent")
        }
    }

    @Test("after 20 failures from one address, every login from it gets 429")
    func perAddress() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.live) { client in
            try await client.register("walter")
            for attempt in 0..<20 {
                let reply = try await client.send(.post, "/auth/login", json: credentials("victim\(attempt % 4)", "guess guess"))
                #expect(reply.status == .unauthorized)
            }
            let reply = try await client.send(.post, "/auth/login", json: credentials("walter", "correct horse"))
            #expect(reply.status == .tooManyRequests)
            #expect(reply.headers[.retryAfter] != nil)
        }
    }

    @Test("a success forgets the name's earlier failures")
    func successResets() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("peggy")
            for _ in 1...4 {
                _ = try await client.send(.post, "/auth/login", json: credentials("peggy", "guess guess"))
            }
            _ = try await client.login("peggy")
            for _ in 1...4 {
                let reply = try await client.send(.post, "/auth/login", json: credentials("peggy", "guess guess"))
                #expect(reply.status == .unauthorized)
            }
            _ = try await client.login("peggy")
        }
    }
}
