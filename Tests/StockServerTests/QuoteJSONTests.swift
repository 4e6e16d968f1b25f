import Foundation
import NIOCore
@testable import StockServer
@testable import StockMarket
import StockModel
import StockQuotes
import Testing

@Suite("Quote JSON")
struct QuoteJSONTests {
    static let asOf = Date(timeIntervalSince1970: 1_764_058_500)
    static let toyota = Security(
        id: 9, ticker: "7203.T", name: "トヨタ自動車", exchange: "JPX", currency: "JPY", lastPrice: Price("2700"),
        priceTime: asOf,
        quote: QuoteFigures(
            previousClose: Price("2712.5"), dayHigh: Price("2730"), dayLow: Price("2695.25"), volume: 12_345_678,
            marketState: .closed, asOf: asOf))

    @Test("a quote is written exactly, negative changes included, and decodes back to the same values")
    func writtenExactly() throws {
        let items = [SecurityJSON(Self.toyota), SecurityJSON(Security(id: 1, ticker: "NEW", name: "New", exchange: ""))]
        var buffer = ByteBuffer()
        SecurityJSONWriter.write(items, into: &buffer)
        let text = String(buffer: buffer)
        #expect(text.contains(#""quote":{"price":2700,"previous_close":2712.5,"change":-12.5,"#
            + #""change_percent":-0.4608,"day_high":2730,"day_low":2695.25,"volume":12345678,"currency":"JPY","#
            + #""market_state":"closed","as_of":"2025-11-25T08:15:00Z"}"#))
        #expect(text.contains(#""last_price":null,"quote":null"#))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode([SecurityJSON].self, from: Data(text.utf8)) == items)
        // The Encodable conformance (watchlists, GET /security/{id}) writes the same quote.
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let encoded = String(decoding: try encoder.encode(items[0]), as: UTF8.self)
        #expect(try decoder.decode(SecurityJSON.self, from: Data(encoded.utf8)) == items[0])
        #expect(encoded.contains(#""change_percent":-0.4608"#))
        #expect(encoded.contains(#""as_of":"2025-11-25T08:15:00Z""#))
    }

    @Test("a search answer carries the hub's latest quote, else the stored one, in the bytes SecurityJSON gives")
    func searchAnswer() throws {
        let listing = ListingCatalog.Listing(version: 1, securities: [Self.toyota])
        let search = SecuritySearch(listing)
        let answer = search.answer("7203", limit: 1)
        let latest = Quote(
            price: Price("2750")!, previousClose: Price("2712.5"), dayHigh: Price("2750"), currency: "JPY",
            marketState: .regular, asOf: Self.asOf + 60)
        for quote in [latest, nil] {
            var fast = ByteBuffer()
            SecurityJSONWriter.write(answer, latestPrices: [quote?.price], latestQuotes: [quote], into: &fast)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let decoded = try decoder.decode([SecurityJSON].self, from: Data(buffer: fast))
            #expect(decoded.first?.quote == (quote ?? Self.toyota.storedQuote))
            #expect(decoded.first?.lastPrice == (quote?.price ?? Price("2700")))
        }
    }
}
