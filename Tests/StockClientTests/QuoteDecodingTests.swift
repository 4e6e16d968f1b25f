import Foundation
import StockModel
import StockQuotes
import Testing
@testable import StockClient

@Suite("Decoding quotes")
struct QuoteDecodingTests {
    static let full = #"{"price":187.12,"previous_close":185,"change":2.12,"change_percent":1.1459,"day_high":188,"#
        + #""day_low":185.5,"volume":52000000,"currency":"USD","market_state":"regular","as_of":"2026-11-25T07:00:00Z"}"#

    @Test("a security's quote decodes exactly; change and percent are derived as the server derives them")
    func securityQuote() throws {
        let json = #"[{"id":1,"ticker":"AAPL","name":"Apple Inc.","exchange":"NASDAQ","last_price":187.12,"quote":"#
            + Self.full + #"},{"id":2,"ticker":"NEW","name":"New","exchange":"","last_price":null,"quote":null}]"#
        let items = try JSONDecoder().decode([SecurityItem].self, from: Data(json.utf8))
        let quote = try #require(items[0].quote)
        #expect(quote == Quote(
            price: Price("187.12")!, previousClose: Price("185"), dayHigh: Price("188"), dayLow: Price("185.5"),
            volume: 52_000_000, currency: "USD", marketState: .regular, asOf: Date(timeIntervalSince1970: 1_795_590_000)))
        #expect(quote.change == Price("2.12"))
        #expect(quote.changePercent == Percent(tenThousandths: 11_459))
        #expect(items[1].quote == nil)
    }

    @Test("a snapshot's quotes are whole; a delta applied to them changes only its fields")
    func deltas() throws {
        let snapshot = try #require(try PriceMessage.decode(
            #"{"type":"snapshot","seq":1,"at":"2026-11-25T07:00:00Z","prices":{"AAPL":187.12},"quotes":{"AAPL":"#
                + Self.full + "}}"))
        let whole = try #require(snapshot.quotes["AAPL"])
        #expect(whole.fields == .all)
        let delta = try #require(try PriceMessage.decode(
            #"{"type":"prices","seq":2,"at":"2026-11-25T07:00:05Z","prices":{"AAPL":184},"#
                + #""quotes":{"AAPL":{"price":184,"change":-1,"change_percent":-0.5405,"day_low":184,"#
                + #""market_state":"post"}}}"#))
        let entry = try #require(delta.quotes["AAPL"])
        #expect(entry.fields == [.price, .change, .changePercent, .dayLow, .marketState])
        let quote = entry.applied(to: whole.applied(to: nil))
        #expect(quote.price == Price("184"))
        #expect(quote.dayLow == Price("184"))
        #expect(quote.dayHigh == Price("188"))
        #expect(quote.marketState == .post)
        #expect(quote.volume == 52_000_000)
        #expect(quote.change == Price(tenThousandths: -10_000))
        #expect(quote.changePercent == Percent(tenThousandths: -5_405))
        // A message without quotes (an older server) decodes with none; an unknown state is unknown.
        #expect(try PriceMessage.decode(#"{"type":"prices","seq":3,"prices":{}}"#)?.quotes.isEmpty == true)
        let unknown = try PriceMessage.decode(
            #"{"type":"prices","seq":4,"prices":{},"quotes":{"X":{"price":1,"market_state":"lunch"}}}"#)
        #expect(unknown?.quotes["X"]?.values.marketState == nil)
        #expect(unknown?.quotes["X"]?.fields == [.price, .marketState])
    }
}
