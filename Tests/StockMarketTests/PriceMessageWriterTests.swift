import Foundation
import StockModel
import StockQuotes
import Testing
@testable import StockMarket

@Suite("Price message writer")
struct PriceMessageWriterTests {
    /// The writer before messages were written in place (into an array, append by append): the reference the
    /// parts' bytes must equal.
    static func reference(
        _ kind: PriceMessageWriter.Kind, seq: Int64, atJSON: [UInt8], prices: [[UInt8]], quotes: [[UInt8]],
        stale: [[UInt8]]
    ) -> [UInt8] {
        func joined(_ items: [[UInt8]]) -> [UInt8] { Array(items.joined(separator: [UInt8(ascii: ",")])) }
        var bytes = Array((kind == .snapshot ? #"{"type":"snapshot","seq":"# : #"{"type":"prices","seq":"#).utf8)
        bytes += Array(String(seq).utf8) + Array(#","at":"#.utf8) + atJSON + Array(#","prices":{"#.utf8)
        bytes += joined(prices) + Array(#"},"quotes":{"#.utf8) + joined(quotes) + [UInt8(ascii: "}")]
        if !stale.isEmpty { bytes += Array(#","stale":["#.utf8) + joined(stale) + [UInt8(ascii: "]")] }
        return bytes + [UInt8(ascii: "}")]
    }

    static let at = PriceMessageWriter.timeJSON(Date(timeIntervalSince1970: 1_700_000_000.5))

    static func fragments(_ count: Int) -> (prices: [[UInt8]], quotes: [[UInt8]], stale: [[UInt8]]) {
        let tickers = (0..<count).map { PriceMessageWriter.jsonString("T\($0)\"x") }
        let prices = tickers.enumerated().map { offset, ticker in
            PriceMessageWriter.priceFragment(
                tickerJSON: ticker, price: Price(tenThousandths: Int64(offset) * 12_345 - 7))
        }
        let quotes = tickers.enumerated().map { offset, ticker in
            PriceMessageWriter.quoteFragment(
                tickerJSON: ticker,
                quote: Quote(price: Price(tenThousandths: Int64(offset) * 999), previousClose: Price("12.5")!,
                             marketState: .regular),
                fields: offset.isMultiple(of: 2) ? .all : [.price, .change])
        }
        return (prices, quotes, Array(tickers.prefix(count / 3)))
    }

    @Test("the parts write the same bytes as the reference writer, and exactly byteCount of them",
          arguments: [0, 1, 2, 10, 200])
    func sameBytes(count: Int) {
        let (prices, quotes, stale) = Self.fragments(count)
        for kind in [PriceMessageWriter.Kind.snapshot, .prices] {
            for seq in [Int64(0), 9, 10, 123_456_789, -3, .max] {
                for stale in [stale, []] {
                    let parts = PriceMessageWriter.Parts(
                        kind: kind, seq: seq, atJSON: Self.at, prices: prices, quotes: quotes, stale: stale)
                    let expected = Self.reference(
                        kind, seq: seq, atJSON: Self.at, prices: prices, quotes: quotes, stale: stale)
                    #expect(parts.bytes == expected)
                    #expect(parts.byteCount == expected.count)
                    let message = PriceMessage(content: .parts(parts))
                    #expect(message.byteCount == expected.count)
                    #expect(message.bytes == expected)
                }
            }
        }
    }

    @Test("a message writes into memory of exactly its size; a written message is copied as it is")
    func writesInPlace() {
        let (prices, quotes, stale) = Self.fragments(10)
        let messages = [
            PriceMessage(content: .parts(.init(
                kind: .prices, seq: 42, atJSON: Self.at, prices: prices, quotes: quotes, stale: stale))),
            PriceMessage(content: .written(Array(#"{"type":"alert"}"#.utf8))),
        ]
        for message in messages {
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: message.byteCount, alignment: 1)
            defer { memory.deallocate() }
            #expect(message.write(to: memory) == message.byteCount)
            #expect(Array(memory) == message.bytes)
        }
        #expect(messages[0] != messages[1])
        #expect(messages[1] == PriceMessage(content: .written(Array(#"{"type":"alert"}"#.utf8))))
    }
}
