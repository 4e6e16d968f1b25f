import Foundation
import NIOCore
import StockStorage

/// Writes security objects as JSON bytes directly. `GET /security` is the hot path: Foundation's `JSONEncoder`
/// costs several times the search itself, so the answer is written field by field, in the same shape that
/// `SecurityJSON`'s `Encodable` conformance gives (prices as exact decimals, times in ISO 8601). Numbers, prices
/// and times are written digit by digit, without making strings.
public enum SecurityJSONWriter {
    /// Appends `items` as a JSON array.
    public static func write(_ items: [SecurityJSON], into buffer: inout ByteBuffer) {
        buffer.writeStaticString("[")
        for (index, item) in items.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            writeFields(
                id: item.id, ticker: item.ticker, name: item.name, exchange: item.exchange, lastPrice: item.lastPrice,
                priceTime: item.priceTime, country: item.country, currency: item.currency, isETF: item.isETF,
                into: &buffer)
            if let match = item.match {
                writeMatchStart(kind: match.kind, field: match.field, text: match.text, into: &buffer)
                for (index, range) in match.ranges.enumerated() {
                    buffer.writeStaticString(index > 0 ? ",[" : "[")
                    for (position, bound) in range.enumerated() {
                        if position > 0 { buffer.writeStaticString(",") }
                        writeDecimal(Int64(bound), into: &buffer)
                    }
                    buffer.writeStaticString("]")
                }
                buffer.writeStaticString("]}")
            }
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString("]")
    }

    /// Appends the securities of a search answer as a JSON array, each with its latest price from
    /// `latestPrices` when that differs from the stored one (then without `price_time`, as the hub keeps prices,
    /// not their times): the same bytes as `write` of `SecurityJSON(result)` with that price, with the parts
    /// that do not change between ticks copied from the catalog's `PrewrittenSecurities`.
    static func write(_ answer: SecuritySearch.Answer, latestPrices: [Int64: Price], into buffer: inout ByteBuffer) {
        let catalog = answer.catalog
        buffer.writeStaticString("[")
        for (index, (position, hit)) in answer.hits.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            catalog.json.writeHead(position, into: &buffer)
            var lastPrice = catalog.securities[position].lastPrice
            var priceTime = catalog.securities[position].priceTime
            if let price = latestPrices[hit.id], price != lastPrice {
                lastPrice = price
                priceTime = nil
            }
            writePrice(lastPrice, time: priceTime, into: &buffer)
            catalog.json.writeTail(position, into: &buffer)
            writeMatchStart(kind: hit.kind.rawValue, field: hit.field.rawValue, text: hit.matchedText, into: &buffer)
            for (index, range) in hit.ranges.enumerated() {
                buffer.writeStaticString(index > 0 ? ",[" : "[")
                writeDecimal(Int64(range.lowerBound), into: &buffer)
                buffer.writeStaticString(",")
                writeDecimal(Int64(range.upperBound), into: &buffer)
                buffer.writeStaticString("]")
            }
            buffer.writeStaticString("]}}")
        }
        buffer.writeStaticString("]")
    }

    /// An object's fields up to `etf`, without the closing brace.
    private static func writeFields(
        id: Int64, ticker: String, name: String, exchange: String, lastPrice: Price?, priceTime: Date?,
        country: String?, currency: String?, isETF: Bool, into buffer: inout ByteBuffer
    ) {
        writeHead(id: id, ticker: ticker, name: name, exchange: exchange, into: &buffer)
        writePrice(lastPrice, time: priceTime, into: &buffer)
        writeTail(country: country, currency: currency, isETF: isETF, into: &buffer)
    }

    /// `{"id":...,"ticker":...,"name":...,"exchange":...`
    static func writeHead(id: Int64, ticker: String, name: String, exchange: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("{\"id\":")
        writeDecimal(id, into: &buffer)
        buffer.writeStaticString(",\"ticker\":")
        writeString(ticker, into: &buffer)
        buffer.writeStaticString(",\"name\":")
        writeString(name, into: &buffer)
        buffer.writeStaticString(",\"exchange\":")
        writeString(exchange, into: &buffer)
    }

    /// `,"last_price":...` and, with a time, `,"price_time":"..."`.
    private static func writePrice(_ lastPrice: Price?, time priceTime: Date?, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(",\"last_price\":")
        if let lastPrice { writePrice(lastPrice, into: &buffer) } else { buffer.writeStaticString("null") }
        if let priceTime {
            buffer.writeStaticString(",\"price_time\":\"")
            writeISO8601(priceTime, into: &buffer)
            buffer.writeStaticString("\"")
        }
    }

    /// `,"country":...,"currency":...,"etf":...` (country and currency only when known).
    static func writeTail(country: String?, currency: String?, isETF: Bool, into buffer: inout ByteBuffer) {
        if let country {
            buffer.writeStaticString(",\"country\":")
            writeString(country, into: &buffer)
        }
        if let currency {
            buffer.writeStaticString(",\"currency\":")
            writeString(currency, into: &buffer)
        }
        buffer.writeStaticString(isETF ? ",\"etf\":true" : ",\"etf\":false")
    }

    /// `,"match":{"kind":...,"field":...,"text":...,"ranges":[`; the caller writes the ranges and closes.
    private static func writeMatchStart(kind: String, field: String, text: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(",\"match\":{\"kind\":")
        writeString(kind, into: &buffer)
        buffer.writeStaticString(",\"field\":")
        writeString(field, into: &buffer)
        buffer.writeStaticString(",\"text\":")
        writeString(text, into: &buffer)
        buffer.writeStaticString(",\"ranges\":[")
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    static func writeString(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("\"")
        let utf8 = text.utf8
        let plain = utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        } ?? !utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        if plain {
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
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(hexDigit(byte >> 4))
                    buffer.writeInteger(hexDigit(byte & 0xF))
                default: buffer.writeInteger(byte)
                }
            }
        }
        buffer.writeStaticString("\"")
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// `value` in decimal digits.
    static func writeDecimal(_ value: Int64, into buffer: inout ByteBuffer) {
        if value < 0 { buffer.writeStaticString("-") }
        writeDigits(value.magnitude, minimumCount: 1, into: &buffer)
    }

    /// The digits of `value`, with leading zeros up to `minimumCount` (at most 20) digits.
    private static func writeDigits(_ value: UInt64, minimumCount: Int, into buffer: inout ByteBuffer) {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        count = max(count, minimumCount)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
            var rest = value
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return count
        }
    }

    /// The shortest exact decimal text of a price, as `Price.description` writes it: `187.12`, `0.5`, `1200`.
    static func writePrice(_ price: Price, into buffer: inout ByteBuffer) {
        if price.tenThousandths < 0 { buffer.writeStaticString("-") }
        let magnitude = price.tenThousandths.magnitude
        writeDigits(magnitude / 10_000, minimumCount: 1, into: &buffer)
        var fraction = magnitude % 10_000
        guard fraction != 0 else { return }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        buffer.writeStaticString(".")
        writeDigits(fraction, minimumCount: digits, into: &buffer)
    }

    /// `2026-11-25T08:15:00Z`, as `JSONEncoder`'s `.iso8601` strategy writes it.
    static func iso8601(_ date: Date) -> String {
        var buffer = ByteBuffer()
        writeISO8601(date, into: &buffer)
        return String(buffer: buffer)
    }

    private static func writeISO8601(_ date: Date, into buffer: inout ByteBuffer) {
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
        writeDecimal(year, into: &buffer)
        buffer.writeStaticString("-")
        writeDigits(UInt64(month), minimumCount: 2, into: &buffer)
        buffer.writeStaticString("-")
        writeDigits(UInt64(day), minimumCount: 2, into: &buffer)
        buffer.writeStaticString("T")
        writeDigits(UInt64(secondOfDay / 3_600), minimumCount: 2, into: &buffer)
        buffer.writeStaticString(":")
        writeDigits(UInt64(secondOfDay % 3_600 / 60), minimumCount: 2, into: &buffer)
        buffer.writeStaticString(":")
        writeDigits(UInt64(secondOfDay % 60), minimumCount: 2, into: &buffer)
        buffer.writeStaticString("Z")
    }
}
