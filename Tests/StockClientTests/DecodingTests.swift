import Foundation
import StockModel
import Testing
@testable import StockClient

@Suite("Decoding the contract's JSON")
struct DecodingTests {
    @Test("search results keep exact prices and the match ranges")
    func searchResult() throws {
        let json = """
            [{"id":1,"ticker":"AAPL","name":"Apple Inc.","exchange":"NASDAQ","last_price":187.1234,"etf":false,
              "match":{"kind":"ticker_prefix","field":"ticker","text":"AAPL","ranges":[[0,3],[5,4],[1]]}},
             {"id":2,"ticker":"7203","name":"トヨタ自動車","exchange":"TSE","last_price":null}]
            """
        let results = try JSONDecoder().decode([SecurityItem].self, from: Data(json.utf8))
        #expect(results[0].lastPrice == Price("187.1234"))
        #expect(results[0].match == SearchMatch(kind: "ticker_prefix", field: "ticker", text: "AAPL", ranges: [0..<3]))
        #expect(results[1].lastPrice == nil)
        #expect(results[1].match == nil)
    }

    @Test("login answers the token, its expiry and the user")
    func login() throws {
        let json = #"{"token":"abc","expires_at":"2026-12-01T00:00:00Z","user":{"id":7,"username":"alice"}}"#
        let session = try JSONDecoder().decode(LoginSession.self, from: Data(json.utf8))
        #expect(session == LoginSession(token: "abc", expiresAt: "2026-12-01T00:00:00Z",
                                        user: UserInfo(id: 7, username: "alice")))
    }

    @Test("price messages: snapshot and prices, exact, with stale tickers and fractional-second times")
    func priceMessages() throws {
        let snapshot = try #require(try PriceMessage.decode(
            #"{"type":"snapshot","seq":41,"at":"2026-11-25T07:00:00Z","prices":{"AAPL":187.12,"MSFT":0.0001}}"#))
        #expect(snapshot.kind == .snapshot)
        #expect(snapshot.seq == 41)
        #expect(snapshot.at == Date(timeIntervalSince1970: 1_795_590_000))
        #expect(snapshot.prices == ["AAPL": Price("187.12")!, "MSFT": Price("0.0001")!])
        #expect(snapshot.stale.isEmpty)

        let prices = try #require(try PriceMessage.decode(
            #"{"type":"prices","seq":42,"at":"2026-11-25T07:00:01.250Z","prices":{"AAPL":187.5},"stale":["MSFT"]}"#))
        #expect(prices.kind == .prices)
        #expect(prices.at != nil)
        #expect(prices.prices["AAPL"]?.tenThousandths == 1_875_000)
        #expect(prices.stale == ["MSFT"])
    }

    @Test("messages of other types are skipped, malformed ones are errors")
    func otherMessages() throws {
        #expect(try PriceMessage.decode(#"{"type":"pong"}"#) == nil)
        #expect(throws: (any Error).self) { try PriceMessage.decode(#"{"type":"prices","prices":{}}"#) }
        #expect(throws: (any Error).self) { try PriceMessage.decode("not json") }
    }
}
