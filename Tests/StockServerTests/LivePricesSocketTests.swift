import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import Logging
import StockMarket
import StockServer
import StockModel
import Testing

@Suite("Live prices over WebSocket")
struct LivePricesSocketTests {
    /// Reads decoded messages until `done` says so (or the socket ends).
    static func read(
        _ inbound: WebSocketInboundStream, until done: (LiveMessage, [LiveMessage]) async throws -> Bool
    ) async throws -> [LiveMessage] {
        var messages = [LiveMessage]()
        for try await raw in inbound.messages(maxSize: 1 << 16) {
            let message = try LiveMessage(raw)
            messages.append(message)
            if try await done(message, messages) { break }
        }
        return messages
    }

    @Test("a snapshot of the whole watchlist, then deltas with only the user's changed prices")
    func snapshotThenDeltas() async throws {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA", "BBB"])
        _ = try await fixture.user("bob", watching: ["CCC"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        _ = try await app.test(.live) { client in
            let captured = Captured<[LiveMessage]>()
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                captured.set(try await Self.read(inbound) { _, all in all.count == 5 })
            }
            let messages = try #require(captured.value)
            try #require(messages.count == 5)
            #expect(messages[0].type == "snapshot")
            #expect(Set(messages[0].prices.keys) == ["AAA", "BBB"])
            var previous = messages[0]
            for message in messages.dropFirst() {
                #expect(message.type == "prices")
                #expect(message.seq > previous.seq)
                #expect(Array(message.prices.keys) == ["AAA"])
                #expect(message.prices["AAA"]! > previous.prices["AAA"] ?? Price(tenThousandths: 0))
                previous = message
            }
        }
    }

    @Test("the bearer header authenticates too; no token or a bad token is refused with 401")
    func authentication() async throws {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        _ = try await app.test(.live) { client in
            let upgrade: HTTPFields = [
                .connection: "Upgrade", .upgrade: "websocket", .secWebSocketVersion: "13",
                .secWebSocketKey: "dGhlIHNhbXBsZSBub25jZQ==",
            ]
            var badBearer = upgrade
            badBearer[.authorization] = "Bearer nope"
            let port = try #require(client.port)
            for (uri, headers) in [
                ("/ws/watchlist", upgrade), ("/ws/watchlist?token=not-a-token", upgrade), ("/ws/watchlist", badBearer),
            ] {
                // A refused upgrade closes its connection, so each attempt gets its own.
                let response = try await TestClient.withClient(host: "localhost", port: port) { refused in
                    try await refused.get(uri, headers: headers)
                }
                #expect(response.status == .unauthorized)
                let body = try JSONDecoder().decode([String: String].self, from: Data(buffer: try #require(response.body)))
                #expect(body["error"]?.isEmpty == false)
            }
            await #expect(throws: (any Error).self) {
                try await client.ws("/ws/watchlist?token=nope") { _, _, _ in }
            }
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders[.authorization] = "Bearer \(alice.token)"
            let captured = Captured<LiveMessage>()
            try await client.ws("/ws/watchlist", configuration: configuration) { inbound, _, _ in
                if let first = try await Self.read(inbound, until: { _, _ in true }).first { captured.set(first) }
            }
            let first = captured.value
            #expect(first?.type == "snapshot")
            #expect(first.map { Array($0.prices.keys) } == ["AAA"])
        }
    }

    @Test("added and removed securities are followed on an open socket")
    func watchlistChanges() async throws {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let hub = fixture.livePrices.hub
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        _ = try await app.test(.live) { client in
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                var removedAt: Int64?
                let messages = try await Self.read(inbound) { message, all in
                    switch all.count {
                    case 2:
                        try await fixture.watch("CCC", user: alice.id)
                        await hub.watchlistDidChange(userID: alice.id)
                    case _ where message.type == "snapshot" && removedAt == nil && all.count > 1:
                        #expect(message.prices.keys.sorted() == ["CCC"])
                        _ = try await fixture.stores.watchlists.removeFromWatchlist(
                            userID: alice.id, securityID: fixture.ids["AAA"]!)
                        await hub.watchlistDidChange(userID: alice.id)
                        removedAt = hub.lastSeq
                    default: break
                    }
                    return removedAt.map { message.seq > $0 + 3 } ?? false
                }
                let snapshots = messages.dropFirst().filter { $0.type == "snapshot" }
                #expect(snapshots.count == 1)
                let removal = try #require(removedAt)
                let afterRemoval = messages.filter { $0.type == "prices" && $0.seq > removal + 1 }
                #expect(!afterRemoval.isEmpty)
                #expect(afterRemoval.allSatisfy { Array($0.prices.keys) == ["CCC"] })
            }
        }
    }

    @Test("a provider outage marks prices stale; they recover with the provider")
    func staleAndRecovery() async throws {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA", "BBB"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        _ = try await app.test(.live) { client in
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                var sawStale = false
                let messages = try await Self.read(inbound) { message, all in
                    if all.count == 2 { fixture.provider.setFailing(true) }
                    if message.stale != nil && !sawStale {
                        sawStale = true
                        #expect(message.stale?.sorted() == ["AAA", "BBB"])
                        fixture.provider.setFailing(false)
                    }
                    return sawStale && message.stale == nil
                }
                let recovered = try #require(messages.last)
                #expect(recovered.prices.keys.sorted() == ["AAA", "BBB"])
            }
        }
    }

    @Test("a restarted server starts from the stored last prices, and its seq continues the count")
    func restartKeepsPrices() async throws {
        let fixture = try await LivePricesFixture(provider: SteppingProvider(moving: [], base: Price("187.12")!))
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        _ = try await app.test(.live) { client in
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                _ = try await Self.read(inbound) { message, _ in message.prices["AAA"] == Price("187.12") }
            }
            #expect(await Self.eventually(seconds: 10) { fixture.livePrices.hub.lastSeq >= 3 })
        }
        let storedSeq = try await fixture.stores.securities.lastPriceSeq()
        #expect(storedSeq >= 2)
        let failing = SteppingProvider()
        failing.setFailing(true)
        let restarted = try await LivePricesFixture(directory: fixture.directory, provider: failing)
        let app2 = try await buildApplication(ServerConfiguration(), stores: restarted.stores, livePrices: restarted.livePrices)
        _ = try await app2.test(.live) { client in
            let snapshot = Captured<LiveMessage>()
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                if let first = try await Self.read(inbound, until: { _, _ in true }).first { snapshot.set(first) }
            }
            #expect(snapshot.value?.prices == ["AAA": Price("187.12")!])
            #expect(try #require(snapshot.value?.seq) >= storedSeq)
        }
    }

    @Test("on shutdown open sockets are closed with 1001")
    func shutdownClosesWithGoingAway() async throws {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        let socket = try await app.test(.live) { client in
            let (received, receivedOne) = AsyncStream<Void>.makeStream()
            let socket = Task {
                try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                    for try await _ in inbound.messages(maxSize: 1 << 16) { receivedOne.yield() }
                }
            }
            for await _ in received { break }
            // Leaving the closure shuts the server down gracefully while the socket is open.
            return socket
        }
        let closeFrame = try await socket.value
        #expect(closeFrame?.closeCode == .goingAway)
    }

    @Test("a socket that stops reading is closed as too slow, with at most its kernel buffers of prices queued")
    func stalledReaderIsClosed() async throws {
        let fixture = try await LivePricesFixture(interval: .milliseconds(10))
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA", "BBB", "CCC", "DDD"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        let hub = fixture.livePrices.hub
        try await app.test(.live) { client in
            let stalled = try await StalledSocket.connect(port: try #require(client.port), path: "/ws/watchlist?token=\(alice.token)")
            #expect(await Self.eventually(seconds: 5) { hub.connectionCount == 1 })
            let closed = await Self.eventually(seconds: 60) { hub.connectionCount == 0 }
            #expect(closed, "the hub still holds the stalled socket")
            let queued = try await stalled.drainUntilClosed()
            // At most the kernel buffers (a 32 KB send buffer, doubled, and a tiny receive buffer): no backlog.
            #expect(queued < 128 * 1024)
        }
    }

    @Test("a client that answers pings stays; one that does not is dropped after a ping interval")
    func unansweredPingsDropTheSocket() async throws {
        let fixture = try await LivePricesFixture(interval: .seconds(60))
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        var configuration = ServerConfiguration()
        // 3 s, not 1 s: the answering client's pong must beat the next ping while the other suites load the cores.
        configuration.livePrices.pingInterval = .seconds(3)
        let app = try await buildApplication(configuration, stores: fixture.stores, livePrices: fixture.livePrices)
        let hub = fixture.livePrices.hub
        try await app.test(.live) { client in
            let answering = Task {
                try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                    for try await _ in inbound.messages(maxSize: 1 << 16) {}
                }
            }
            defer { answering.cancel() }
            let silent = try await StalledSocket.connect(port: try #require(client.port), path: "/ws/watchlist?token=\(alice.token)")
            #expect(await Self.eventually(seconds: 5) { hub.connectionCount == 2 })
            #expect(await Self.eventually(seconds: 20) { hub.connectionCount == 1 })
            try await Task.sleep(for: .seconds(7))
            #expect(hub.connectionCount == 1, "the client that answers pings was dropped")
            _ = silent
        }
    }

    @Test("a frame larger than the route accepts closes the socket with 1009")
    func oversizedFrame() async throws {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        let closeFrame = try await app.test(.live) { client in
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, outbound, _ in
                try await outbound.write(.text(String(repeating: "x", count: 5000)))
                for try await _ in inbound.messages(maxSize: 1 << 16) {}
            }
        }
        #expect(closeFrame?.closeCode == .messageTooLarge)
        #expect(fixture.livePrices.hub.connectionCount == 0)
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    static func eventually(seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date() + seconds
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}
