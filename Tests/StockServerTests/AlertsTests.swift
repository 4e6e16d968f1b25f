import Foundation
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import Logging
import StockApp
import StockMarket
import StockModel
import StockQuotes
import StockServer
import StockStorage
import Synchronization
import Testing

/// A provider whose prices and previous closes the test sets, by ticker (100, no previous close, until set).
final class ScriptedQuotes: PriceProvider {
    private let quotes = Mutex<[String: ProviderQuote]>([:])

    func set(_ ticker: String, _ price: String, previousClose: String? = nil) {
        quotes.withLock { $0[ticker] = ProviderQuote(price: Price(price)!, previousClose: previousClose.flatMap(Price.init)) }
    }

    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] {
        let set = quotes.withLock { $0 }
        return Dictionary(uniqueKeysWithValues: securities.map {
            ($0.id, set[$0.ticker] ?? ProviderQuote(price: Price("100")!))
        })
    }
}

@Suite("Price alerts")
struct AlertsTests {
    /// A live server on a fresh SQLite database with AAA, BBB, CCC, DDD quoted by `quotes`, polled every 100 ms.
    private func withServer(
        _ directory: URL, quotes: ScriptedQuotes, configuration: ServerConfiguration = ServerConfiguration(),
        _ body: @escaping @Sendable (LivePricesFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try await LivePricesFixture(directory: directory)
        let livePrices = LivePrices(
            provider: quotes, stores: fixture.stores, interval: .milliseconds(100),
            configuration: LivePricesConfiguration(), logger: Logger(label: "test"))
        let app = try await buildApplication(configuration, stores: fixture.stores, livePrices: livePrices)
        _ = try await app.test(.live) { client in try await body(fixture, client) }
    }

    private static func create(
        _ client: any TestClientProtocol, _ token: String, security: Int64, _ condition: String, _ value: String
    ) async throws -> Reply {
        try await client.send(
            .post, "/user/alerts", token: token,
            json: #"{"security_id": \#(security), "condition": "\#(condition)", "value": \#(value)}"#)
    }

    @Test("each condition fires once, at the first tick it holds, stored with its price; pushed over the socket",
          .timeLimit(.minutes(1)))
    func eachConditionFiresOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let quotes = ScriptedQuotes()
        quotes.set("AAA", "100")
        quotes.set("BBB", "50", previousClose: "50")
        try await withServer(directory, quotes: quotes) { fixture, client in
            let alice = try await fixture.user("alice", watching: ["AAA"])
            let bob = try await fixture.user("bob", watching: [])
            let (aaa, bbb) = (fixture.ids["AAA"]!, fixture.ids["BBB"]!)
            // The socket opens first (its snapshot comes), so that no alert fires before it listens.
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                _ = try await messages.next()
                let created = [
                    try await Self.create(client, alice.token, security: aaa, "price_above", "101.5"),
                    try await Self.create(client, alice.token, security: aaa, "price_below", "99"),
                    try await Self.create(client, alice.token, security: bbb, "change_percent_above", "2"),
                    try await Self.create(client, alice.token, security: bbb, "change_percent_below", "-1.5"),
                    // Holds at once: fires on the next tick, though AAA does not move then.
                    try await Self.create(client, alice.token, security: aaa, "price_below", "150"),
                    // Bob's alert fires too, but never reaches Alice's socket.
                    try await Self.create(client, bob.token, security: aaa, "price_below", "150"),
                ]
                #expect(created.allSatisfy { $0.status == .created })
                let ids = try created.map { try #require(($0.object()["id"] as? NSNumber)?.int64Value) }
                #expect(try created[2].object()["condition"] as? String == "change_percent_above")
                #expect(try created[3].object()["value"] as? NSNumber == -1.5)
                #expect(try created[0].object()["triggered_at"] is NSNull)

                    var fired: [Int64: [String: Any]] = [:]
                    var step = 0
                    while let raw = try await messages.next() {
                        guard case .text(let text) = raw,
                              let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                        else { continue }
                        if object["type"] as? String == "alert" {
                            let alert = try #require(object["alert"] as? [String: Any])
                            let id = try #require((alert["id"] as? NSNumber)?.int64Value)
                            #expect(fired[id] == nil, "alert \(id) fired twice")
                            #expect(object["seq"] is NSNumber)
                            fired[id] = alert
                        }
                        // Move the prices once the first alert (the one holding at once) came; then past the others.
                        if step == 0, fired[ids[4]] != nil {
                            step = 1
                            quotes.set("AAA", "101.5001")
                            quotes.set("BBB", "51.0001", previousClose: "50")
                        } else if step == 1, fired[ids[0]] != nil, fired[ids[2]] != nil {
                            step = 2
                            quotes.set("AAA", "98.9999")
                            quotes.set("BBB", "49.2499", previousClose: "50")
                        } else if step == 2, fired.count == 5 {
                            break
                        }
                    }
                    #expect(Set(fired.keys) == Set(ids.prefix(5)))
                    #expect(fired[ids[0]]?["price"] as? NSNumber == NSDecimalNumber(string: "101.5001"))
                    #expect(fired[ids[2]]?["price"] as? NSNumber == NSDecimalNumber(string: "51.0001"))
                    #expect(fired[ids[3]]?["price"] as? NSNumber == NSDecimalNumber(string: "49.2499"))
                    #expect(fired[ids[4]]?["price"] as? NSNumber == 100)
                let listed = try await client.send(.get, "/user/alerts", token: alice.token)
                let alerts = try #require(try JSONSerialization.jsonObject(with: listed.body) as? [[String: Any]])
                #expect(alerts.map { ($0["id"] as? NSNumber)?.int64Value } == ids.prefix(5).map { $0 })
                #expect(alerts.allSatisfy { $0["triggered_at"] is String && $0["price"] is NSNumber })
                let stored = try await fixture.stores.alerts.alerts(userID: bob.id)
                #expect(stored.count == 1 && stored[0].price != nil && stored[0].triggeredAt != nil)
            }
        }
    }

    @Test("bad conditions and values are 400, an unknown security 404, past the limit 409; another user's alert 404",
          .timeLimit(.minutes(1)))
    func hostileInput() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = ServerConfiguration()
        configuration.maxAlertsPerUser = 2
        try await withServer(directory, quotes: ScriptedQuotes(), configuration: configuration) { fixture, client in
            let alice = try await fixture.user("alice", watching: [])
            let bob = try await fixture.user("bob", watching: [])
            let aaa = fixture.ids["AAA"]!
            let bad: [(String, String, String)] = [
                ("price_sideways", "1", #""condition" must be one of price_above, price_below, change_percent_above, change_percent_below"#),
                ("price_above", "1.00001", #""value" must be a number with at most 4 fractional digits, within ±10^14"#),
                ("price_above", "0", #""value" of a price condition must be above 0 and at most 1000000000"#),
                ("price_below", "-3", #""value" of a price condition must be above 0 and at most 1000000000"#),
                ("change_percent_above", "2000000", #""value" of a percent condition must be within ±1000000"#),
                ("price_above", #""12""#, #""value" must be of type Decimal"#),
            ]
            for (condition, value, message) in bad {
                let reply = try await Self.create(client, alice.token, security: aaa, condition, value)
                #expect(reply.status == .badRequest, "\(condition) \(value)")
                #expect(try reply.errorMessage() == message)
            }
            let unknown = try await Self.create(client, alice.token, security: 999_999, "price_above", "1")
            #expect(unknown.status == .notFound)
            let first = try await Self.create(client, alice.token, security: aaa, "change_percent_below", "-0.0001")
            #expect(first.status == .created)
            #expect(try await Self.create(client, alice.token, security: aaa, "price_above", "1").status == .created)
            let third = try await Self.create(client, alice.token, security: aaa, "price_above", "2")
            #expect(third.status == .conflict)
            #expect(try third.errorMessage() == AlertMessages.tooMany(2))
            let id = try #require((try first.object()["id"] as? NSNumber)?.int64Value)
            let theirs = try await client.send(.delete, "/user/alerts/\(id)", token: bob.token)
            #expect(theirs.status == .notFound)
            #expect(try theirs.errorMessage() == "no alert of yours has the id \(id)")
            #expect(try await client.send(.delete, "/user/alerts/\(id)", token: alice.token).status == .noContent)
            #expect(try await client.send(.delete, "/user/alerts/\(id)", token: alice.token).status == .notFound)
            #expect(try await client.send(.get, "/user/alerts").status == .unauthorized)
        }
    }

    @Test("alerts are kept across a restart: an active one fires after it, a fired one never again",
          .timeLimit(.minutes(1)))
    func restart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let quotes = ScriptedQuotes()
        let ids = Mutex<(fired: Int64, waiting: Int64, token: String)?>(nil)
        try await withServer(directory, quotes: quotes) { fixture, client in
            let alice = try await fixture.user("alice", watching: [])
            let aaa = fixture.ids["AAA"]!
            let fired = try await Self.create(client, alice.token, security: aaa, "price_below", "200")
            let waiting = try await Self.create(client, alice.token, security: aaa, "price_above", "300")
            let firedID = try #require((try fired.object()["id"] as? NSNumber)?.int64Value)
            try await Self.waitUntil { try await fixture.stores.alerts.alert(id: firedID)?.triggeredAt != nil }
            ids.withLock {
                $0 = (firedID, (try? waiting.object()["id"] as? NSNumber)??.int64Value ?? 0, alice.token)
            }
        }
        let (firedID, waitingID, _) = try #require(ids.withLock { $0 })
        quotes.set("AAA", "300.5")
        try await withServer(directory, quotes: quotes) { fixture, _ in
            let before = try #require(try await fixture.stores.alerts.alert(id: firedID))
            try await Self.waitUntil { try await fixture.stores.alerts.alert(id: waitingID)?.triggeredAt != nil }
            #expect(try await fixture.stores.alerts.alert(id: waitingID)?.price == Price("300.5"))
            // The one fired before the restart kept its time and price.
            #expect(try await fixture.stores.alerts.alert(id: firedID) == before)
            #expect(before.price == Price("100"))
        }
    }

    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while try await !condition() {
            guard ContinuousClock.now < deadline else { Issue.record("timed out"); return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
