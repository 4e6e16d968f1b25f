import Foundation
import StockModel
import Testing

@Suite("Exact prices")
struct PriceTests {
    @Test("parses and prints exact decimals", arguments: [
        ("187.12", 1_871_200 as Int64, "187.12"), ("0.5", 5_000, "0.5"), ("1200", 12_000_000, "1200"),
        ("0.0001", 1, "0.0001"), ("106.815", 1_068_150, "106.815"),
    ])
    func roundTrip(text: String, units: Int64, printed: String) throws {
        let price = try #require(Price(text))
        #expect(price.tenThousandths == units)
        #expect(price.description == printed)
    }

    @Test("refuses what is not a plain decimal with at most four fractional digits",
          arguments: ["", "abc", "1.23456", "-1", "1e5", ".5", "1.", "1.2.3", " 1"])
    func refuses(text: String) {
        #expect(Price(text) == nil)
    }

    @Test("encodes as a JSON number without binary floating-point drift")
    func json() throws {
        let data = try JSONEncoder().encode(["p": Price("0.1")!, "q": Price("187.1234")!])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"p\":0.1"))
        #expect(text.contains("\"q\":187.1234"))
        let decoded = try JSONDecoder().decode([String: Price].self, from: data)
        #expect(decoded["q"] == Price("187.1234"))
    }

    @Test("rounds provider doubles to four digits and refuses non-finite ones")
    func rounding() {
        #expect(Price(rounding: 187.12345) == Price("187.1235") || Price(rounding: 187.12345) == Price("187.1234"))
        #expect(Price(rounding: 0.1 + 0.2) == Price("0.3"))
        #expect(Price(rounding: .nan) == nil)
        #expect(Price(rounding: .infinity) == nil)
    }
}
