import Foundation
import NIOCore

/// Writes security objects as JSON bytes directly. `GET /security` is the hot path: Foundation's `JSONEncoder`
/// costs several times the search itself, so the answer is written field by field, in the same shape that
/// `SecurityJSON`'s `Encodable` conformance gives (prices as exact decimals, times in ISO 8601).
public enum SecurityJSONWriter {
    /// Appends `items` as a JSON array.
    public static func write(_ items: [SecurityJSON], into buffer: inout ByteBuffer) {
        buffer.writeStaticString("[")
        for (index, item) in items.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            write(item, into: &buffer)
        }
        buffer.writeStaticString("]")
    }

    private static func write(_ item: SecurityJSON, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("{\"id\":")
        buffer.writeString(String(item.id))
        buffer.writeStaticString(",\"ticker\":")
        writeString(item.ticker, into: &buffer)
        buffer.writeStaticString(",\"name\":")
        writeString(item.name, into: &buffer)
        buffer.writeStaticString(",\"exchange\":")
        writeString(item.exchange, into: &buffer)
        buffer.writeStaticString(",\"last_price\":")
        buffer.writeString(item.lastPrice.map(\.description) ?? "null")
        if let time = item.priceTime {
            buffer.writeStaticString(",\"price_time\":\"")
            buffer.writeString(iso8601(time))
            buffer.writeStaticString("\"")
        }
        if let country = item.country {
            buffer.writeStaticString(",\"country\":")
            writeString(country, into: &buffer)
        }
        if let currency = item.currency {
            buffer.writeStaticString(",\"currency\":")
            writeString(currency, into: &buffer)
        }
        buffer.writeString(item.isETF ? ",\"etf\":true" : ",\"etf\":false")
        if let match = item.match {
            buffer.writeStaticString(",\"match\":{\"kind\":")
            writeString(match.kind, into: &buffer)
            buffer.writeStaticString(",\"field\":")
            writeString(match.field, into: &buffer)
            buffer.writeStaticString(",\"text\":")
            writeString(match.text, into: &buffer)
            buffer.writeStaticString(",\"ranges\":[")
            for (index, range) in match.ranges.enumerated() {
                buffer.writeStaticString(index > 0 ? ",[" : "[")
                for (position, bound) in range.enumerated() {
                    if position > 0 { buffer.writeStaticString(",") }
                    buffer.writeString(String(bound))
                }
                buffer.writeStaticString("]")
            }
            buffer.writeStaticString("]}")
        }
        buffer.writeStaticString("}")
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    static func writeString(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("\"")
        let utf8 = text.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            buffer.writeString(text)
        } else {
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case ..<0x20:
                    let hex = String(byte, radix: 16)
                    buffer.writeString("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: buffer.writeInteger(byte)
                }
            }
        }
        buffer.writeStaticString("\"")
    }

    /// `2026-11-25T08:15:00Z`, as `JSONEncoder`'s `.iso8601` strategy writes it.
    static func iso8601(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3_600))"
            + ":\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60))Z"
    }
}
