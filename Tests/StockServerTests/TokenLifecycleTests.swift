import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import StockAccounts
import StockApp
@testable import StockServer
import StockStorage
import Testing

@Suite("Tokens: logout and expiry close their sockets; dead tokens are deleted; no token in a redirect")
struct TokenLifecycleTests {
    @Test("logout closes the token's open socket with 4401, and the token then fails the upgrade", .timeLimit(.minutes(1)))
    func logoutClosesSockets() async throws {
        let fixture = try await LivePricesFixture(interval: .seconds(60))
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let other = AuthTokens.generate()
        try await fixture.stores.accounts.insertToken(
            hash: AuthTokens.hash(other), userID: alice.id, createdAt: Date(), expiresAt: Date() + 3600)
        let app = try await buildApplication(testConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        try await app.test(.live) { client in
            let (opened, openedOne) = AsyncStream<Void>.makeStream()
            func socket(_ token: String) -> Task<WebSocketCloseFrame?, any Error> {
                Task {
                    try await client.ws("/ws/watchlist?token=\(token)") { inbound, _, _ in
                        for try await _ in inbound.messages(maxSize: 1 << 16) { openedOne.yield() }
                    }
                }
            }
            let loggedOut = socket(alice.token)
            let kept = socket(other)
            var snapshots = 0
            for await _ in opened {
                snapshots += 1
                if snapshots == 2 { break }
            }
            #expect(try await client.send(.post, "/auth/logout", token: alice.token).status == .noContent)
            let close = try await loggedOut.value
            #expect(close?.closeCode == .unknown(4401))
            #expect(close?.reason?.contains("revoked") == true)
            #expect(fixture.livePrices.hub.connectionCount == 1, "the other token's socket stays open")

            let refused = try await upgrade(port: try #require(client.port), token: alice.token)
            #expect(refused.status == .unauthorized)
            kept.cancel()
        }
    }

    @Test("a socket closes with 4401 when its token expires; an expired token fails the upgrade", .timeLimit(.minutes(1)))
    func expiryClosesSockets() async throws {
        let fixture = try await LivePricesFixture(interval: .seconds(60))
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let app = try await buildApplication(testConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        try await app.test(.live) { client in
            // Issued now, for long enough that the upgrade makes it on a loaded machine. The clock starts when
            // the expiry is set, not after the insert, which can wait behind other writes on a loaded machine.
            let shortLived = AuthTokens.generate()
            let started = ContinuousClock.now
            let expiresAt = Date() + 4
            try await fixture.stores.accounts.insertToken(
                hash: AuthTokens.hash(shortLived), userID: alice.id, createdAt: Date(), expiresAt: expiresAt)
            let close = try await client.ws("/ws/watchlist?token=\(shortLived)") { inbound, _, _ in
                for try await _ in inbound.messages(maxSize: 1 << 16) {}
            }
            #expect(close?.closeCode == .unknown(4401))
            #expect(close?.reason?.contains("expired") == true)
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(ContinuousClock.now - started >= .milliseconds(3_990), "closed before the token expired")
            let refused = try await upgrade(port: try #require(client.port), token: shortLived)
            #expect(refused.status == .unauthorized)
        }
    }

    @Test("the sweeper deletes expired and revoked tokens and keeps valid ones")
    func sweeper() async throws {
        let directory = try TemporaryDirectory()
        let stores = try Stores.sqlite(path: directory.databasePath)
        let user = try await stores.accounts.createUser(username: "zed", passwordHash: "-", at: Date())
        let now = Date()
        let expired = AuthTokens.hash(AuthTokens.generate())
        let revoked = AuthTokens.hash(AuthTokens.generate())
        let valid = AuthTokens.hash(AuthTokens.generate())
        for (hash, expiry) in [(expired, now - 1), (revoked, now + 3600), (valid, now + 3600)] {
            try await stores.accounts.insertToken(hash: hash, userID: user.id, createdAt: now - 60, expiresAt: expiry)
        }
        try await stores.accounts.revokeToken(hash: revoked, at: now)
        let sweeper = DeadTokenSweeper(accounts: stores.accounts, interval: .seconds(3600), logger: Logger(label: "test"))
        #expect(try await sweeper.sweep(now: now) == 2)
        #expect(try await sweeper.sweep(now: now) == 0)
        #expect(try await stores.accounts.user(tokenHash: valid, now: now)?.id == user.id)
    }

    @Test("a late WebSocket upgrade is redirected without its token in Location")
    func redirectLeavesTokenOut() async throws {
        let fixture = try await LivePricesFixture(interval: .seconds(60))
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let app = try await buildApplication(testConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        try await app.test(.live) { client in
            // A first request on the connection, then the upgrade: NIO upgrades only a first request.
            #expect(try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil).status == .ok)
            let late = try await client.executeRequest(
                uri: "/ws/watchlist/?token=\(alice.token)&x=1", method: .get, headers: Self.upgradeHeaders, body: nil)
            #expect(late.status == .temporaryRedirect)
            #expect(late.headers[.location] == "/ws/watchlist/?x=1")
        }
    }

    @Test("the request log writes token=*** and the redirect leaves the token out, however it is spelled")
    func redaction() {
        let uri = URI("/ws/watchlist?a=1&token=SECRET&%74oken=SECRET2&tokens=kept")
        #expect(RedactedRequestLog.redacted(uri) == "/ws/watchlist?a=1&token=***&%74oken=***&tokens=kept")
        #expect(RedactedRequestLog.withoutToken(uri) == "/ws/watchlist?a=1&tokens=kept")
        #expect(RedactedRequestLog.withoutToken(URI("/ws/watchlist?token=SECRET")) == "/ws/watchlist")
        #expect(RedactedRequestLog.redacted(URI("/security?q=a")) == "/security?q=a")
    }

    static let upgradeHeaders: HTTPFields = [
        .connection: "Upgrade", .upgrade: "websocket", .secWebSocketVersion: "13",
        .secWebSocketKey: "dGhlIHNhbXBsZSBub25jZQ==",
    ]

    /// A WebSocket handshake with `token` on a connection of its own (a refused upgrade closes it).
    private func upgrade(port: Int, token: String) async throws -> TestClient.Response {
        try await TestClient.withClient(host: "localhost", port: port) { connection in
            try await connection.get("/ws/watchlist?token=\(token)", headers: Self.upgradeHeaders)
        }
    }
}
