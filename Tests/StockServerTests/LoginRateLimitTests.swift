import Foundation
import Hummingbird
import HummingbirdTesting
import StockApp
import StockServer
import Testing

@Suite("Login rate limits")
struct LoginRateLimitTests {
    /// A configuration whose server believes `X-Forwarded-For` from loopback, so that one test client can speak
    /// for several addresses.
    static func behindProxy() -> ServerConfiguration {
        var configuration = testConfiguration()
        configuration.accounts.trustedProxies = ["127.0.0.1", "::1"]
        return configuration
    }

    /// A login through a real HTTP client, as if from `address` (the server trusts loopback as its proxy).
    static func login(port: Int, _ name: String, _ password: String, from address: String? = nil) async throws -> Reply {
        try await LiveHTTP.send(.post, port: port, "/auth/login", json: credentials(name, password), forwardedFor: address)
    }

    @Test("40 concurrent wrong logins for one name: at most 5 get 401, the rest 429 with Retry-After",
          .timeLimit(.minutes(2)))
    func concurrentGuesses() async throws {
        let directory = try TemporaryDirectory()
        var configuration = testConfiguration()
        // Slow enough hashes (a few ms each) that the guesses really overlap.
        configuration.bcryptCost = 8
        configuration.accounts.maxPendingHashes = 64
        let app = try await buildApplication(configuration, stores: .sqlite(path: directory.databasePath))
        try await app.test(.live) { client in
            try await client.register("victim")
            let port = try #require(client.port)
            let statuses = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await Self.login(port: port, "victim", "guess guess") }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            let unauthorized = statuses.filter { $0.status == .unauthorized }.count
            let limited = statuses.filter { $0.status == .tooManyRequests }
            #expect(unauthorized <= 5, "\(unauthorized) guesses were checked")
            #expect(unauthorized >= 1)
            #expect(unauthorized + limited.count == 40, "\(statuses.map(\.status.code))")
            #expect(limited.allSatisfy { $0.headers[.retryAfter].flatMap(Int.init).map { $0 >= 1 } == true })
            // Once they are all over, the name is locked for this address: even the right password waits.
            #expect(try await client.send(.post, "/auth/login", json: credentials("victim", "correct horse")).status
                == .tooManyRequests)
        }
    }

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

    @Test("a guesser locking a name from its address does not lock the owner out of theirs")
    func lockoutIsTheGuessersOwn() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(Self.behindProxy(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.live) { client in
            try await client.register("olivia")
            let port = try #require(client.port)
            for _ in 1...8 { _ = try await Self.login(port: port, "olivia", "guess guess", from: "203.0.113.9") }
            #expect(try await Self.login(port: port, "olivia", "correct horse", from: "203.0.113.9").status
                == .tooManyRequests)
            #expect(try await Self.login(port: port, "olivia", "correct horse", from: "198.51.100.7").status == .ok)
        }
    }

    @Test("guesses for one name from many addresses stop at the name's limit, but not for an address that logged in")
    func distributedGuesses() async throws {
        let directory = try TemporaryDirectory()
        var configuration = Self.behindProxy()
        configuration.accounts.loginFailuresPerName = 6
        let app = try await buildApplication(configuration, stores: .sqlite(path: directory.databasePath))
        try await app.test(.live) { client in
            try await client.register("paula")
            let port = try #require(client.port)
            let home = "198.51.100.20"
            func login(_ password: String, from address: String) async throws -> HTTPResponse.Status {
                try await Self.login(port: port, "paula", password, from: address).status
            }
            #expect(try await login("correct horse", from: home) == .ok)
            // Three addresses, two guesses each: six failures for the name, none over a per-address limit.
            for botnet in 1...3 {
                for _ in 1...2 { #expect(try await login("guess guess", from: "203.0.113.\(botnet)") == .unauthorized) }
            }
            #expect(try await login("guess guess", from: "203.0.113.4") == .tooManyRequests)
            #expect(try await login("correct horse", from: "192.0.2.50") == .tooManyRequests)
            #expect(try await login("correct horse", from: home) == .ok)
        }
    }

    @Test("an IPv6 /64 counts as one address")
    func ipv6Prefix() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(Self.behindProxy(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            for host in 1...20 {
                let reply = try await Self.login(
                    port: port, "nobody\(host % 4)", "guess guess", from: "2001:db8:7:1::\(String(host, radix: 16))")
                #expect(reply.status == .unauthorized)
            }
            #expect(try await Self.login(port: port, "someone", "guess guess", from: "2001:db8:7:1:ffff:ffff:ffff:ffff")
                .status == .tooManyRequests)
            #expect(try await Self.login(port: port, "someone", "guess guess", from: "2001:db8:7:2::1").status
                == .unauthorized)
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

    @Test("X-Forwarded-For is ignored unless the peer is a trusted proxy")
    func untrustedForwardedFor() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            for attempt in 0..<20 {
                _ = try await Self.login(port: port, "n\(attempt % 4)", "guess guess", from: "203.0.113.\(attempt)")
            }
            #expect(try await Self.login(port: port, "n9", "guess guess", from: "192.0.2.1").status == .tooManyRequests)
        }
    }
}
