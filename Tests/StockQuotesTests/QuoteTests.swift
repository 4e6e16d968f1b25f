import Foundation
import StockModel
import Testing
import StockQuotes

@Suite("Quote arithmetic")
struct QuoteTests {
    func quote(_ last: Int64, previousClose: Int64?) -> Quote {
        Quote(price: Price(tenThousandths: last), previousClose: previousClose.map { Price(tenThousandths: $0) })
    }

    @Test("change and change percent are exact decimals")
    func exactDecimals() {
        let rising = Quote(price: price("187.12"), previousClose: price("184.96"))
        #expect(rising.change == price("2.16"))
        // 2.16 / 184.96 = 1.16782... %
        #expect(rising.changePercent == Percent(tenThousandths: 11_678))
        #expect(rising.changePercent?.description == "1.1678")
        let tenths = Quote(price: price("0.3"), previousClose: price("0.1"))
        #expect(tenths.change == price("0.2"))
        #expect(tenths.changePercent?.description == "200")
    }

    @Test("a fall gives a negative change and percent, rounded half-even on the negative side too")
    func negativeChange() {
        let falling = Quote(price: price("95.5"), previousClose: price("100"))
        #expect(falling.change == Price(tenThousandths: -45_000))
        #expect(falling.change?.description == "-4.5")
        #expect(falling.changePercent?.description == "-4.5")
        // -0.0001 / 200 = -0.00005 %: a tie, to the even -0.0000; -0.0003 / 200 = -0.00015 % to -0.0002.
        #expect(quote(1_999_999, previousClose: 2_000_000).changePercent == Percent(tenThousandths: 0))
        #expect(quote(1_999_997, previousClose: 2_000_000).changePercent == Percent(tenThousandths: -2))
    }

    @Test("ties round to the even digit: 0.00005 % -> 0.0000, 0.00015 % -> 0.0002, 0.00025 % -> 0.0002")
    func halfEvenTies() {
        #expect(quote(2_000_001, previousClose: 2_000_000).changePercent == Percent(tenThousandths: 0))
        #expect(quote(2_000_003, previousClose: 2_000_000).changePercent == Percent(tenThousandths: 2))
        #expect(quote(2_000_005, previousClose: 2_000_000).changePercent == Percent(tenThousandths: 2))
        #expect(quote(2_000_007, previousClose: 2_000_000).changePercent == Percent(tenThousandths: 4))
        // Just above and below a tie round to the nearest: 1/30,000 % = 0.0000333..., 2/30,000 = 0.0000666...
        #expect(quote(300_001, previousClose: 300_000).changePercent == Percent(tenThousandths: 3))
        #expect(quote(300_002, previousClose: 300_000).changePercent == Percent(tenThousandths: 7))
    }

    @Test("no positive previous close: change and percent are nil, never invented")
    func missingPreviousClose() {
        for previous in [nil, 0, -1] as [Int64?] {
            let quote = quote(1_000_000, previousClose: previous)
            #expect(quote.change == nil)
            #expect(quote.changePercent == nil)
        }
        #expect(Quote(price: price("1")).dayHigh == nil)
        #expect(Quote(price: price("1")).volume == nil)
        #expect(Quote(price: price("1")).marketState == nil)
    }

    @Test("extreme Int64 inputs clamp instead of trapping")
    func extremes() {
        let top = quote(.max, previousClose: 1)
        #expect(top.change == Price(tenThousandths: .max - 1))
        #expect(top.changePercent == Percent(tenThousandths: .max))
        let bottom = quote(.min, previousClose: .max)
        #expect(bottom.change == Price(tenThousandths: .min))
        #expect(bottom.changePercent == Percent(tenThousandths: -2_000_000))
        let tiny = quote(.min, previousClose: 1)
        #expect(tiny.change == Price(tenThousandths: .min))
        #expect(tiny.changePercent == Percent(tenThousandths: .min))
        let flat = quote(.max, previousClose: .max)
        #expect(flat.change == Price(tenThousandths: 0))
        #expect(flat.changePercent == Percent(tenThousandths: 0))
        // (max - (max - 1)) / (max - 1) is far below 0.00005 %.
        #expect(quote(.max, previousClose: .max - 1).changePercent == Percent(tenThousandths: 0))
        #expect(quote(0, previousClose: .max).changePercent == Percent(tenThousandths: -1_000_000))
    }

    @Test("a percent encodes as an exact JSON number and decodes back")
    func percentJSON() throws {
        let data = try JSONEncoder().encode([Percent(tenThousandths: -11_678), Percent(tenThousandths: 20_000)])
        #expect(String(decoding: data, as: UTF8.self) == "[-1.1678,2]")
        #expect(try JSONDecoder().decode([Percent].self, from: data).map(\.tenThousandths) == [-11_678, 20_000])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Percent].self, from: Data("[0.00001]".utf8)) }
    }
}
