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
    enum Kind: Sendable {
        case snapshot
        case prices

        var prefix: StaticString {
            switch self {
            case .snapshot: #"{"type":"snapshot","seq":"#
            case .prices: #"{"type":"prices","seq":"#
            }
        }
    }

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
    /// Its exact size is known before it is written, so that a socket writes it straight after its frame header.
    struct Parts: Sendable {
        var kind: Kind
        var seq: Int64
        var atJSON: [UInt8]
        var prices: [[UInt8]]
        var quotes: [[UInt8]]
        var stale: [[UInt8]]

        private static let atKey: StaticString = #","at":"#
        private static let pricesKey: StaticString = #","prices":{"#
        private static let quotesKey: StaticString = #"},"quotes":{"#
        private static let staleKey: StaticString = #","stale":["#

        /// The number of bytes `write(to:)` writes.
        var byteCount: Int {
            var count = kind.prefix.utf8CodeUnitCount + Self.digitCount(seq) + Self.atKey.utf8CodeUnitCount
            count += atJSON.count + Self.pricesKey.utf8CodeUnitCount + Self.listCount(prices)
            count += Self.quotesKey.utf8CodeUnitCount + Self.listCount(quotes) + 1
            if !stale.isEmpty { count += Self.staleKey.utf8CodeUnitCount + Self.listCount(stale) + 1 }
            return count + 1
        }

        /// Writes the message at the start of `base`, which holds at least `byteCount` bytes; returns `byteCount`.
        func write(to base: UnsafeMutableRawBufferPointer) -> Int {
            var cursor = JSONCursor(base)
            cursor.write(kind.prefix)
            cursor.writeDecimal(seq)
            cursor.write(Self.atKey)
            atJSON.withUnsafeBytes { cursor.write($0) }
            cursor.write(Self.pricesKey)
            Self.write(prices, to: &cursor)
            cursor.write(Self.quotesKey)
            Self.write(quotes, to: &cursor)
            cursor.write(byte: UInt8(ascii: "}"))
            if !stale.isEmpty {
                cursor.write(Self.staleKey)
                Self.write(stale, to: &cursor)
                cursor.write(byte: UInt8(ascii: "]"))
            }
            cursor.write(byte: UInt8(ascii: "}"))
            return cursor.count
        }

        /// The message's bytes.
        var bytes: [UInt8] {
            [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
                initialized = write(to: UnsafeMutableRawBufferPointer(buffer))
            }
        }

        private static func digitCount(_ value: Int64) -> Int {
            var count = value < 0 ? 2 : 1
            var rest = value.magnitude / 10
            while rest > 0 {
                count += 1
                rest /= 10
            }
            return count
        }

        /// The bytes of `items` joined by commas.
        private static func listCount(_ items: [[UInt8]]) -> Int {
            items.reduce(max(items.count - 1, 0)) { $0 + $1.count }
        }

        private static func write(_ items: [[UInt8]], to cursor: inout JSONCursor) {
            for (offset, item) in items.enumerated() {
                if offset > 0 { cursor.write(byte: UInt8(ascii: ",")) }
                item.withUnsafeBytes { cursor.write($0) }
            }
        }
    }

    /// One message: `prices` are price fragments, `quotes` quote fragments, `stale` ticker JSON strings.
    static func message(
        _ kind: Kind, seq: Int64, atJSON: [UInt8], prices: [[UInt8]], quotes: [[UInt8]], stale: [[UInt8]]
    ) -> [UInt8] {
        Parts(kind: kind, seq: seq, atJSON: atJSON, prices: prices, quotes: quotes, stale: stale).bytes
    }
}
