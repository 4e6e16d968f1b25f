import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import StockModel
import StockQuotes
import StockServer
import StockStorage
import Testing

@Suite("Quotes: live-price messages and the HTTP API")
struct LiveQuotesTests {
    /// A fixture whose AAA (moving, 0.01 and 10 shares a tick) and BBB (still at 100) start from a reference
    /// price of 100 and a previous close of 95.
    static func fixture() async throws -> LivePricesFixture {
        let fixture = try await LivePricesFixture()
        try await fixture.stores.securities.setReferenceData([
            "AAA": ReferenceData(price: Price("100"), previousClose: Price("95")),
            "BBB": ReferenceData(price: Price("100"), previousClose: Price("95")),
        ])
        return fixture
    }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(buffer: buffer))
    }

    @Test("a real socket gets full quotes in its snapshot, then only the changed fields, with the price")
    func socketQuotes() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA", "BBB"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        _ = try await app.test(.live) { client in
            let captured = Captured<[LiveMessage]>()
            try await client.ws("/ws/watchlist?token=\(alice.token)") { inbound, _, _ in
                captured.set(try await LivePricesSocketTests.read(inbound) { _, all in all.count == 4 })
            }
            let messages = try #require(captured.value)
            try #require(messages.count == 4)
            let snapshot = messages[0]
            #expect(snapshot.type == "snapshot")
            for ticker in ["AAA", "BBB"] {
                #expect(snapshot.quoteKeys[ticker]?.count == 10)
                #expect(snapshot.quotes[ticker]?.previousClose == Price("95"))
                #expect(snapshot.quotes[ticker]?.marketState == .regular)
                #expect(snapshot.quotes[ticker]?.price == snapshot.prices[ticker])
            }
            var volume = snapshot.quotes["AAA"]?.volume ?? 0
            for message in messages.dropFirst() {
                #expect(message.type == "prices")
                #expect(Array(message.quotes.keys) == ["AAA"])
                #expect(message.quoteKeys["AAA"] == ["price", "change", "change_percent", "day_high", "volume", "as_of"])
                let quote = try #require(message.quotes["AAA"])
                #expect(quote.price == message.prices["AAA"])
                // The delta carries the change without the previous close it is taken from (unchanged).
                let change = Price(tenThousandths: quote.price.tenThousandths - 950_000)
                #expect(message.text.contains(#""change":\#(change),"#))
                #expect(try #require(quote.volume) > volume)
                volume = quote.volume ?? 0
                #expect(message.text.contains(#""previous_close""#) == false)
            }
        }
    }

    @Test("GET /security/{id} answers the security with its latest quote; history is bounded; bad ids get JSON errors")
    func securityAndHistory() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.removeFiles() }
        let hub = fixture.livePrices.hub
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        let id = try #require(fixture.ids["AAA"])
        _ = try await app.test(.live) { client in
            #expect(await LivePricesSocketTests.eventually(seconds: 10) {
                (hub.latestQuotes(for: [id])[0]?.volume ?? 0) >= 20
            })
            try await client.execute(uri: "/security/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let security = try Self.decode(SecurityJSON.self, response.body)
                #expect(security.ticker == "AAA")
                let quote = try #require(security.quote)
                #expect(quote.previousClose == Price("95"))
                #expect(quote.price == security.lastPrice)
                #expect(try #require(quote.volume) >= 20)
                #expect(quote.marketState == .regular)
            }
            try await client.execute(uri: "/security/\(id)/history", method: .get) { response in
                #expect(response.status == .ok)
                struct History: Decodable { var points: [[HistoryValue]] }
                let history = try Self.decode(History.self, response.body)
                // A 5-minute bucket: the ticks of this test all fall in one or two.
                #expect((1...2).contains(history.points.count))
                #expect(history.points.allSatisfy { $0.count == 2 })
            }
            let hostile = [
                "abc", "-1", "0", "1.5", "1e3", "99999999999999999999", String(repeating: "9", count: 5_000), "%20",
                "0x10",
            ]
            var cases: [(String, HTTPResponse.Status)] = [
                ("/security/987654", .notFound), ("/security/987654/history", .notFound),
            ]
            for id in hostile {
                cases += [("/security/\(id)", .badRequest), ("/security/\(id)/history", .badRequest)]
            }
            for (path, status) in cases {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == status, "\(path.prefix(60))")
                    let body = try Self.decode([String: String].self, response.body)
                    #expect(body["error"]?.isEmpty == false)
                    #expect((body["error"]?.count ?? 0) < 100)
                }
            }
        }
    }

    @Test("search results and watchlists carry the quote, unknown fields as null")
    func searchAndWatchlist() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.removeFiles() }
        let alice = try await fixture.user("alice", watching: ["AAA", "CCC"])
        let app = try await buildApplication(ServerConfiguration(), stores: fixture.stores, livePrices: fixture.livePrices)
        _ = try await app.test(.live) { client in
            try await client.execute(uri: "/security?q=BBB&limit=1", method: .get) { response in
                let results = try Self.decode([SecurityJSON].self, response.body)
                #expect(results.first?.quote?.previousClose == Price("95"))
                #expect(results.first?.quote?.change == Price("5"))
                #expect(String(buffer: response.body).contains(#""change_percent":5.2632"#))
            }
            try await client.execute(
                uri: "/user/security", method: .get, headers: [.authorization: "Bearer \(alice.token)"]
            ) { response in
                let list = try Self.decode([SecurityJSON].self, response.body)
                #expect(list.map(\.ticker) == ["AAA", "CCC"])
                #expect(list[0].quote?.previousClose == Price("95"))
                #expect(list[0].quote?.currency == nil)
                #expect(String(buffer: response.body).contains(#""currency":null"#))
            }
        }
    }
}

/// A point's element: its time (a string) or its price (a number).
enum HistoryValue: Decodable {
    case time(String)
    case price(Price)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .time(text) } else { self = .price(try container.decode(Price.self)) }
    }
}
