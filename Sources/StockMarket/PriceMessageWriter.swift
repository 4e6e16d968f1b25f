import Foundation
import StockJSON
import StockModel
import StockQuotes

/// Writes the live-price JSON messages byte by byte from fragments prepared once per price or quote change, so
/// that a tick costs a few appends per connection rather than a JSON encoder run:
/// `{"type":"prices","seq":12,"at":"2026-08-21T14:30:00.000Z","prices":{"AAPL":187.12},
/// "quotes":{"AAPL":{"price":187.12,"change":2.12,"change_percent":1.1459,"as_of":"2026-08-21T14:30:00Z"}},
/// "stale":["XYZ"]}`.
///
/// Prices are written exactly as `Price.description`, the same text as `Price`'s `Decimal` encoding.
enum PriceMessageWriter {
    enum Kind {
        case snapshot
        case prices

        var prefix: [UInt8] {
            switch self {
            case .snapshot: Array(#"{"type":"snapshot","seq":"#.utf8)
            case .prices: Array(#"{"type":"prices","seq":"#.utf8)
            }
        }
    }

    private static let snapshotPrefix = Kind.snapshot.prefix
    private static let pricesPrefix = Kind.prices.prefix

    /// `"AAPL":187.12`, the entry of one price in the `prices` object.
    static func priceFragment(tickerJSON: [UInt8], price: Price) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: tickerJSON.count + 1 + JSONCursor.priceBound) { buffer, initialized in
            var cursor = JSONCursor(UnsafeMutableRawBufferPointer(buffer))
            tickerJSON.withUnsafeBytes { cursor.write($0) }
            cursor.write(byte: UInt8(ascii: ":"))
            cursor.writePrice(price)
            initialized = cursor.count
        }
    }

    /// `"AAPL":{"price":187.12,...}`, the entry of one quote in the `quotes` object, with `fields` only.
    static func quoteFragment(tickerJSON: [UInt8], quote: Quote, fields: QuoteFields) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: tickerJSON.count + 1 + JSONCursor.bound(ofQuote: quote)) {
            buffer, initialized in
            var cursor = JSONCursor(UnsafeMutableRawBufferPointer(buffer))
            tickerJSON.withUnsafeBytes { cursor.write($0) }
            cursor.write(byte: UInt8(ascii: ":"))
            cursor.writeQuote(quote, fields: fields)
            initialized = cursor.count
        }
    }

    /// The JSON string literal of `text`.
    static func jsonString(_ text: String) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: JSONCursor.bound(ofString: text)) { buffer, initialized in
            var cursor = JSONCursor(UnsafeMutableRawBufferPointer(buffer))
            cursor.writeString(text)
            initialized = cursor.count
        }
    }

    /// `"2026-08-21T14:30:00.000Z"`: the tick time as a JSON string, UTC with milliseconds.
    static func timeJSON(_ date: Date) -> [UInt8] {
        jsonString(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// `{"type":"lists_changed","at":"..."}`: the user's lists changed (clients read them again).
    static func listsChanged(at date: Date) -> [UInt8] {
        Array(#"{"type":"lists_changed","at":"#.utf8) + timeJSON(date) + [UInt8(ascii: "}")]
    }

    /// A message's parts: `prices` are price fragments, `quotes` quote fragments, `stale` ticker JSON strings.
    struct Parts {
        var kind: Kind
        var seq: Int64
        var atJSON: [UInt8]
        var prices: [[UInt8]]
        var quotes: [[UInt8]]
        var stale: [[UInt8]]

        /// The message's bytes.
        var bytes: [UInt8] {
            PriceMessageWriter.message(kind, seq: seq, atJSON: atJSON, prices: prices, quotes: quotes, stale: stale)
        }
    }

    /// One message: `prices` are price fragments, `quotes` quote fragments, `stale` ticker JSON strings.
    static func message(
        _ kind: Kind, seq: Int64, atJSON: [UInt8], prices: [[UInt8]], quotes: [[UInt8]], stale: [[UInt8]]
    ) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(
            92 + [prices, quotes, stale].reduce(0) { total, items in items.reduce(total) { $0 + $1.count + 1 } })
        bytes.append(contentsOf: kind == .snapshot ? snapshotPrefix : pricesPrefix)
        bytes.append(contentsOf: String(seq).utf8)
        bytes.append(contentsOf: #","at":"#.utf8)
        bytes.append(contentsOf: atJSON)
        bytes.append(contentsOf: #","prices":{"#.utf8)
        append(prices, to: &bytes)
        bytes.append(contentsOf: #"},"quotes":{"#.utf8)
        append(quotes, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        if !stale.isEmpty {
            bytes.append(contentsOf: #","stale":["#.utf8)
            append(stale, to: &bytes)
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private static func append(_ items: [[UInt8]], to bytes: inout [UInt8]) {
        for (offset, item) in items.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: item)
        }
    }
}
