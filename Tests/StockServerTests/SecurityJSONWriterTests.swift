import Foundation
import NIOCore
@testable import StockServer
import StockModel
import Testing

@Suite("Security JSON written by hand")
struct SecurityJSONWriterTests {
    @Test("decodes back to the same values, awkward strings, exact prices and ISO 8601 times included")
    func roundTrip() throws {
        let awkward = Security(
            id: 42, ticker: "BAC$K", name: "Quote \" back\\slash\nnew line\u{1} Société トヨタ 📈", exchange: "NYSE",
            country: "United States", currency: "USD", isETF: true, lastPrice: Price("0.1"),
            priceTime: Date(timeIntervalSince1970: 1_764_058_500))
        let plain = Security(id: 7, ticker: "AAPL", name: "Apple Inc.", exchange: "NASDAQ")
        let items = [
            SecurityJSON(awkward, match: .init(kind: "exact_ticker", field: "ticker", text: "BAC$K", ranges: [[0, 3], [4, 5]])),
            SecurityJSON(plain),
        ]
        var buffer = ByteBuffer()
        SecurityJSONWriter.write(items, into: &buffer)
        let text = String(buffer: buffer)
        #expect(text.contains(#""last_price":0.1,"#))
        #expect(text.contains(#""price_time":"2025-11-25T08:15:00Z""#))
        #expect(text.contains(#""last_price":null"#))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode([SecurityJSON].self, from: Data(text.utf8)) == items)
    }

    @Test("times before 1970 and on leap days are written right", arguments: [
        (-86_400.0, "1969-12-31T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"), (0, "1970-01-01T00:00:00Z"),
        (4_102_444_799.9, "2099-12-31T23:59:59Z"),
    ])
    func dates(seconds: Double, expected: String) {
        #expect(SecurityJSONWriter.iso8601(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
