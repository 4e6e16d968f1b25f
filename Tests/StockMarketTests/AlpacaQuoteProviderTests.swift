import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StockModel
import StockQuotes
import Testing
@testable import StockMarket

@Suite("Alpaca quote provider (HTTP)")
struct AlpacaQuoteProviderTests {
    static let path = "v2/stocks/snapshots"
    static let tickers = ["AAPL", "MSFT", "BRK.B", "NEG", "HUGE", "BADVOL", "FARTIME", "NULL", "TEXT", "BAC$K", "GONE"]
    static let securities = tickers.enumerated().map {
        QuotedSecurity(id: Int64($0.offset + 1), ticker: $0.element, lastPrice: nil, exchange: "NASDAQ")
    } + [
        QuotedSecurity(id: 100, ticker: "7203.T", lastPrice: nil, exchange: "JPX"),
        QuotedSecurity(id: 101, ticker: "SAP.DE", lastPrice: nil, exchange: "GER"),
        QuotedSecurity(id: 102, ticker: "NYSEONE", lastPrice: nil, exchange: "NYSE"),
        QuotedSecurity(id: 103, ticker: "NOWHERE", lastPrice: nil, exchange: "OTC PINK"),
    ]

    static let goodBody = """
        {"AAPL":{"latestTrade":{"t":"2026-12-03T15:04:05.123456789Z","x":"V","p":187.12,"s":100},
                 "latestQuote":{"ap":187.2,"bp":187.1},
                 "minuteBar":{"t":"2026-12-03T15:04:00Z","o":187,"h":187.3,"l":186.9,"c":187.1,"v":1200},
                 "dailyBar":{"t":"2026-12-03T05:00:00Z","o":185.9,"h":188.5,"l":185.25,"c":187.1,"v":1520000},
                 "prevDailyBar":{"t":"2026-12-02T05:00:00Z","o":184,"h":186,"l":183.5,"c":185,"v":2400000}},
         "MSFT":{"minuteBar":{"t":"2026-12-03T15:04:00-05:00","c":411.257}},
         "BRK.B":{"latestTrade":{"p":495.82},"dailyBar":null,"prevDailyBar":"garbage"},
         "NEG":{"latestTrade":{"p":-3},"dailyBar":{"c":0}},
         "HUGE":{"latestTrade":{"p":1e13}},
         "BADVOL":{"latestTrade":{"p":1.5},"dailyBar":{"t":"2026-12-03T05:00:00Z","v":-1}},
         "FARTIME":{"latestTrade":{"p":1.5,"t":"9999-12-31T00:00:00Z"}},
         "NULL":null,
         "TEXT":"garbage entry"}
        """

    func provider(port: Int, timeout: Duration = .seconds(10), attempts: Int = 3, maxURLBytes: Int = 8000)
        -> AlpacaQuoteProvider
    {
        var configuration = AlpacaQuoteProvider.Configuration(
            baseURL: "http://127.0.0.1:\(port)/", keyID: "key id", secretKey: "secret key")
        configuration.requests = .testPolicy(timeout: timeout, attempts: attempts)
        configuration.maxURLBytes = maxURLBytes
        return AlpacaQuoteProvider(configuration: configuration, logger: Logger(label: "test"))
    }

    @Test("snapshots map into quotes; the keys go in headers; missing, bad, unspellable and non-US symbols are left out")
    func quotes() async throws {
        let api = FakeQuoteAPI([.json(Self.goodBody)], path: Self.path)
        _ = try await api.application().test(.live) { client in
            let quotes = try await provider(port: try #require(client.port)).quotes(for: Self.securities)
            #expect(quotes.mapValues(\.price) == [1: Price("187.12")!, 2: Price("411.257")!, 3: Price("495.82")!])
            var apple = try #require(quotes[1])
            let asOf = try #require(apple.asOf).timeIntervalSince1970
            #expect(abs(asOf - 1_796_310_245.123_456) < 0.001)
            apple.asOf = nil
            #expect(apple == ProviderQuote(
                price: Price("187.12")!, previousClose: Price("185")!, dayHigh: Price("188.5")!,
                dayLow: Price("185.25")!, dayVolume: 1_520_000))
            // The minute bar's close and time stand in for a missing trade; an offset is read.
            #expect(quotes[2]?.asOf == Date(timeIntervalSince1970: 1_796_328_240))
            #expect(quotes[3] == ProviderQuote(price: Price("495.82")!))
        }
        let request = try #require(api.received.first)
        #expect(api.requests == 1)
        #expect(request.headers["apca-api-key-id"] == "key id")
        #expect(request.headers["apca-api-secret-key"] == "secret key")
        #expect(request.query["feed"] == "iex")
        let asked = Set(try #require(request.query["symbols"]).split(separator: ",").map(String.init))
        // Not the preferred Alpaca cannot spell, nor the listings of Tokyo and Xetra; an unknown exchange is asked.
        #expect(asked == Set(Self.tickers).subtracting(["BAC$K"]).union(["NYSEONE", "NOWHERE"]))
    }

    @Test("before the day's bar exists, the daily bar is the previous day: its close is the previous close")
    func previousDayBar() throws {
        let body = """
            {"AAPL":{"latestTrade":{"t":"2026-12-04T09:30:00Z","p":188},
                     "dailyBar":{"t":"2026-12-03T05:00:00Z","h":188.5,"l":185.25,"c":187.1,"v":1520000},
                     "prevDailyBar":{"t":"2026-12-02T05:00:00Z","c":185}}}
            """
        let quote = try #require(try AlpacaSnapshotPayload.quotes(from: Data(body.utf8))["AAPL"])
        #expect(quote == ProviderQuote(
            price: Price("188")!, previousClose: Price("187.1")!, asOf: Date(timeIntervalSince1970: 1_796_376_600)))
    }

    @Test("symbols are asked for in batches whose URL stays within the bound; the answers are merged")
    func batches() async throws {
        let securities = (0..<40).map { QuotedSecurity(id: Int64($0 + 1), ticker: "S\($0)", lastPrice: nil) }
        let body = "{" + securities.map { #""\#($0.ticker)":{"latestTrade":{"p":\#($0.id)}}"# }
            .joined(separator: ",") + "}"
        let api = FakeQuoteAPI([.json(body)], path: Self.path)
        _ = try await api.application().test(.live) { client in
            let quotes = try await provider(port: try #require(client.port), maxURLBytes: 100)
                .quotes(for: securities)
            #expect(quotes.count == 40)
            #expect(quotes[7]?.price == Price(tenThousandths: 70_000))
        }
        let batches = api.received.compactMap { $0.query["symbols"] }
        #expect(batches.count > 1)
        #expect(batches.flatMap { $0.split(separator: ",") }.count == 40)
        let prefix = "http://127.0.0.1:1/v2/stocks/snapshots?feed=iex&symbols="
        for batch in AlpacaQuoteProvider.batches(of: securities.map(\.ticker), prefix: prefix, maxURLBytes: 100) {
            #expect(prefix.utf8.count + batch.joined(separator: ",").utf8.count <= 100)
        }
        #expect(AlpacaQuoteProvider.batches(of: ["ABCDEFGHIJ"], prefix: prefix, maxURLBytes: prefix.utf8.count + 5)
            .isEmpty)
    }

    @Test("only A-Z, 0-9 and . are Alpaca symbols")
    func symbols() {
        for good in ["AAPL", "BRK.B", "A", "X1"] { #expect(AlpacaQuoteProvider.isAlpacaSymbol(good), "\(good)") }
        for bad in ["", "BAC$K", "brk.b", "BRK/B", "AIIA^", "A&B=C", String(repeating: "A", count: 22), "ÄPFEL"] {
            #expect(!AlpacaQuoteProvider.isAlpacaSymbol(bad), "\(bad)")
        }
    }

    var checks: ProviderRetryChecks {
        ProviderRetryChecks(path: Self.path, securities: Self.securities, goodBody: Self.goodBody) {
            port, timeout, attempts in provider(port: port, timeout: timeout, attempts: attempts)
        }
    }

    @Test("server errors and 429 are retried (honouring Retry-After) until an answer comes")
    func retries() async throws { try await checks.retriesUntilAnswered() }

    @Test("a 429 with an absurd Retry-After (1e17, infinity, NaN) waits the capped backoff")
    func hostileRetryAfter() async throws { try await checks.absurdRetryAfterIsCapped(["1e17", "inf", "nan"]) }

    @Test("a rejected key fails the poll at once, with no retry and no further batch")
    func unauthorized() async throws {
        for status in [HTTPResponse.Status.unauthorized, .forbidden] {
            let api = FakeQuoteAPI([.status(status)], path: Self.path)
            _ = try await api.application().test(.live) { client in
                await #expect(throws: QuoteProviderError.status(Int(status.code))) {
                    try await provider(port: try #require(client.port), maxURLBytes: 100).quotes(for: Self.securities)
                }
            }
            #expect(api.requests == 1)
        }
    }

    @Test("a failing batch leaves out only its securities; when every batch fails the poll fails")
    func failingBatch() async throws {
        let securities = (0..<40).map { QuotedSecurity(id: Int64($0 + 1), ticker: "S\($0)", lastPrice: nil) }
        let body = #"{"S39":{"latestTrade":{"p":39}}}"#
        let partial = FakeQuoteAPI([.json("not json"), .status(.badRequest), .json(body)], path: Self.path)
        _ = try await partial.application().test(.live) { client in
            let quotes = try await provider(port: try #require(client.port), attempts: 1, maxURLBytes: 100)
                .quotes(for: securities)
            #expect(quotes.mapValues(\.price) == [40: Price("39")!])
        }
        #expect(partial.requests > 2)
        for answer in [FakeQuoteAPI.Answer.json("[1,2,3]"), .json("not json"), .status(.badRequest)] {
            let api = FakeQuoteAPI([answer], path: Self.path)
            _ = try await api.application().test(.live) { client in
                await #expect(throws: QuoteProviderError.self) {
                    try await provider(port: try #require(client.port), attempts: 1, maxURLBytes: 100)
                        .quotes(for: securities)
                }
            }
        }
    }

    @Test("a slow answer times out, is retried, and the poll fails rather than hangs")
    func slowAnswer() async throws { try await checks.slowAnswerFails() }

    @Test("missing fields are unknown; absurd figures are left out, never converted past their range")
    func hostileFigures() throws {
        let body = """
            {"EMPTY":{},
             "PRICEONLY":{"latestTrade":{"p":10}},
             "HILO":{"latestTrade":{"p":10},"dailyBar":{"h":9,"l":11,"v":1e13},"prevDailyBar":{"c":-5}},
             "INF":{"latestTrade":{"p":1e400}},
             "ZEROS":{"latestTrade":{"p":0},"minuteBar":{"c":0},"dailyBar":{"c":2,"h":0,"l":0,"v":0}},
             "BIGVOL":{"latestTrade":{"p":10},"dailyBar":{"v":1e300}},
             "BEFORE1970":{"latestTrade":{"p":10,"t":"1969-12-31T23:59:59Z"}},
             "BADTIME":{"latestTrade":{"p":10,"t":"yesterday"},"minuteBar":{"t":12}}}
            """
        let quotes = try AlpacaSnapshotPayload.quotes(from: Data(body.utf8))
        #expect(quotes["EMPTY"] == nil && quotes["INF"] == nil && quotes["BIGVOL"] == nil)
        #expect(quotes["BEFORE1970"] == nil)
        #expect(quotes["PRICEONLY"] == ProviderQuote(price: Price("10")!))
        #expect(quotes["HILO"] == ProviderQuote(price: Price("10")!, dayVolume: 10_000_000_000_000))
        #expect(quotes["ZEROS"] == ProviderQuote(price: Price("2")!, dayVolume: 0))
        #expect(quotes["BADTIME"] == ProviderQuote(price: Price("10")!))
        for garbage in ["", "{", "[]", "null", "\"AAPL\"", "12"] {
            #expect(throws: QuoteProviderError.self, "\(garbage)") {
                try AlpacaSnapshotPayload.quotes(from: Data(garbage.utf8))
            }
        }
    }
}
