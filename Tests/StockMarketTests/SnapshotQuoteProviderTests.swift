import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StockModel
import StockQuotes
import Synchronization
import Testing
@testable import StockMarket

@Suite("Snapshot quote provider (HTTP)")
struct SnapshotQuoteProviderTests {
    static let securities = ["AAPL", "MSFT", "NEG", "ZERO", "TEXT", "NULL", "DAYONLY", "MISSING"].enumerated().map {
        QuotedSecurity(id: Int64($0.offset + 1), ticker: $0.element, lastPrice: nil)
    }

    static let goodBody = """
        {"status":"OK","tickers":[
         {"ticker":"AAPL","lastTrade":{"p":187.12},"day":{"c":186.5},"prevDay":{"c":185},"updated":1755800000000},
         {"ticker":"MSFT","lastTrade":{"p":411.257},"day":{"c":410},"prevDay":{"c":409},"updated":1755800000000},
         {"ticker":"NEG","lastTrade":{"p":-3},"day":{"c":0},"updated":1},
         {"ticker":"ZERO","lastTrade":{"p":0},"day":{"c":0},"updated":1},
         {"ticker":"TEXT","lastTrade":{"p":"abc"},"updated":1},
         {"ticker":"NULL","lastTrade":{"p":null},"day":null,"updated":1},
         "garbage entry",
         {"ticker":"DAYONLY","day":{"c":12.5},"prevDay":{"c":12}},
         {"ticker":"HUGE","lastTrade":{"p":1e400}}
        ]}
        """

    func provider(port: Int, timeout: Duration = .seconds(10), attempts: Int = 3) -> SnapshotQuoteProvider {
        var configuration = SnapshotQuoteProvider.Configuration(baseURL: "http://127.0.0.1:\(port)/", apiKey: "test key")
        configuration.requests = .testPolicy(timeout: timeout, attempts: attempts)
        return SnapshotQuoteProvider(configuration: configuration, logger: Logger(label: "test"))
    }

    @Test("valid quotes are mapped to securities; missing, non-positive and malformed ones are left out")
    func quotes() async throws {
        let api = FakeQuoteAPI([.json(Self.goodBody)])
        _ = try await api.application().test(.live) { client in
            let quotes = try await provider(port: try #require(client.port)).quotes(for: Self.securities)
            #expect(quotes.mapValues(\.price) == [1: Price("187.12")!, 2: Price("411.257")!, 7: Price("12.5")!])
        }
        #expect(api.received.map { $0.query["apiKey"] } == ["test key"])
    }

    var checks: ProviderRetryChecks {
        ProviderRetryChecks(path: "v2/snapshot/locale/us/markets/stocks/tickers", securities: Self.securities,
                            goodBody: Self.goodBody) { port, timeout, attempts in
            provider(port: port, timeout: timeout, attempts: attempts)
        }
    }

    @Test("server errors and 429 are retried (honouring Retry-After) until an answer comes")
    func retries() async throws { try await checks.retriesUntilAnswered() }

    @Test("a rejected key is not retried")
    func unauthorized() async throws {
        let api = FakeQuoteAPI([.status(.unauthorized)])
        _ = try await api.application().test(.live) { client in
            await #expect(throws: QuoteProviderError.status(401)) {
                try await provider(port: try #require(client.port)).quotes(for: Self.securities)
            }
        }
        #expect(api.requests == 1)
    }

    @Test("a slow answer times out, is retried, and the poll fails rather than hangs")
    func slowAnswer() async throws { try await checks.slowAnswerFails() }

    @Test("garbage and non-OK answers are errors")
    func garbage() async throws {
        for body in ["not json at all", #"{"status":"ERROR","error":"bad"}"#, #"{"status":"OK"}"#, "[1,2,3]"] {
            let api = FakeQuoteAPI([.json(body)])
            _ = try await api.application().test(.live) { client in
                await #expect {
                    try await provider(port: try #require(client.port), attempts: 1).quotes(for: Self.securities)
                } throws: { error in
                    if case .malformed = error as? QuoteProviderError { true } else { false }
                }
            }
        }
    }

    @Test("Retry-After in seconds is read and capped before it is converted; anything else is ignored")
    func retryAfterParsing() {
        let cap = Duration.seconds(2)
        #expect(QuoteRequester.retryAfter("1", cap: cap) == .seconds(1))
        #expect(QuoteRequester.retryAfter(" 0.5 ", cap: cap) == .milliseconds(500))
        #expect(QuoteRequester.retryAfter("1e17", cap: cap) == .seconds(2))
        #expect(QuoteRequester.retryAfter("1e308", cap: cap) == .seconds(2))
        #expect(QuoteRequester.retryAfter("1e400", cap: cap) == nil)
        #expect(QuoteRequester.retryAfter("nan", cap: cap) == nil)
        #expect(QuoteRequester.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT", cap: cap) == nil)
        #expect(QuoteRequester.retryAfter("-1", cap: cap) == nil)
    }

    @Test("a 429 with a Retry-After of 1e17 seconds (or infinity, NaN, a huge integer) waits the capped backoff")
    func hostileRetryAfter() async throws {
        try await checks.absurdRetryAfterIsCapped(["1e17", "1e400", "nan", "-inf", "99999999999999999999999999"])
    }

    @Test("prices out of range, huge or negative volumes and absurd times are bad quotes, left out")
    func hostileQuotes() async throws {
        let body = """
            {"status":"OK","tickers":[
             {"ticker":"AAPL","lastTrade":{"p":187.12},"day":{"c":186.5,"v":52000000},"updated":1755800000000000000},
             {"ticker":"MSFT","lastTrade":{"p":1e13}},
             {"ticker":"NEG","lastTrade":{"p":1.5},"day":{"v":-1}},
             {"ticker":"ZERO","lastTrade":{"p":1.5},"day":{"v":1e300}},
             {"ticker":"TEXT","lastTrade":{"p":1.5},"updated":1e300},
             {"ticker":"NULL","lastTrade":{"p":1.5},"updated":-5},
             {"ticker":"DAYONLY","lastTrade":{"p":9223372036854775807},"day":{"c":12.5}},
             {"ticker":"MISSING","lastTrade":{"p":1e-9}}
            ]}
            """
        let api = FakeQuoteAPI([.json(body)])
        _ = try await api.application().test(.live) { client in
            let quotes = try await provider(port: try #require(client.port)).quotes(for: Self.securities)
            #expect(quotes.mapValues(\.price) == [1: Price("187.12")!, 7: Price("12.5")!])
        }
    }

    @Test("the previous day's close, today's range and volume and the update time become the quote")
    func quoteFigures() async throws {
        let body = """
            {"status":"DELAYED","tickers":[
             {"ticker":"AAPL","lastTrade":{"p":187.12},"day":{"o":185.9,"h":188.5,"l":185.25,"c":186.5,"v":52000123.4},
              "prevDay":{"c":185},"updated":1755800000123456789},
             {"ticker":"MSFT","lastTrade":{"p":411},"day":{"h":0,"l":0,"c":0,"v":0},"prevDay":{"c":0}}
            ]}
            """
        let api = FakeQuoteAPI([.json(body)])
        _ = try await api.application().test(.live) { client in
            let quotes = try await provider(port: try #require(client.port)).quotes(for: Self.securities)
            var apple = try #require(quotes[1])
            let asOf = try #require(apple.asOf).timeIntervalSince1970
            #expect(abs(asOf - 1_755_800_000.123) < 0.001)
            apple.asOf = nil
            #expect(apple == ProviderQuote(
                price: Price("187.12")!, previousClose: Price("185")!, dayHigh: Price("188.5")!,
                dayLow: Price("185.25")!, dayVolume: 52_000_123))
            // Zeros are the provider's "none yet": unknown, not a price of 0.
            #expect(quotes[2] == ProviderQuote(price: Price("411")!, dayVolume: 0))
        }
    }

    @Test("hostile figures are clamped or left out, never converted past their range; the price still counts")
    func hostileFigures() throws {
        let body = """
            {"tickers":[
             {"ticker":"HILO","lastTrade":{"p":10},"day":{"h":9,"l":11},"prevDay":{"c":-5}},
             {"ticker":"HUGE","lastTrade":{"p":10},"day":{"h":1e400,"l":"x"},"prevDay":{"c":1e300}},
             {"ticker":"NAN","lastTrade":{"p":10},"day":{"h":null},"prevDay":"garbage","updated":0},
             {"ticker":"BIG","lastTrade":{"p":10},"day":{"v":1e13},"updated":7.26e18}
            ]}
            """
        let quotes = try SnapshotPayload.quotes(from: Data(body.utf8))
        #expect(quotes["HILO"] == ProviderQuote(price: Price("10")!))
        #expect(quotes["HUGE"] == ProviderQuote(price: Price("10")!))
        #expect(quotes["NAN"] == ProviderQuote(price: Price("10")!))
        #expect(quotes["BIG"]?.dayVolume == 10_000_000_000_000)
        #expect(abs((quotes["BIG"]?.asOf?.timeIntervalSince1970 ?? 0) - 7.26e9) < 1)
        for garbage in ["", "{", "[]", "null", #"{"tickers":"x"}"#, #"{"status":"NOT_AUTHORIZED","tickers":[]}"#] {
            #expect(throws: QuoteProviderError.self, "\(garbage)") { try SnapshotPayload.quotes(from: Data(garbage.utf8)) }
        }
    }
}
