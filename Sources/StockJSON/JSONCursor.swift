import Foundation
import StockModel

/// Writes JSON bytes into memory that the caller made large enough (see the `bound` functions): one capacity
/// check per object instead of one per field, which is most of what writing a search answer into a
/// `ByteBuffer` field by field costs. The one JSON string escaper of the search answers and the price messages;
/// inlinable, so that the writers in other modules compile it into their loops.
public struct JSONCursor {
    @usableFromInline let base: UnsafeMutableRawBufferPointer
    @usableFromInline var written = 0

    /// Writes from the start of `base`.
    @inlinable
    public init(_ base: UnsafeMutableRawBufferPointer) {
        self.base = base
    }

    /// Bytes written so far.
    @inlinable public var count: Int { written }

    /// The most bytes `writeString` writes for `text`: every byte escaped as `\u00XX`, and the quotes.
    @inlinable public static func bound(ofString text: String) -> Int { text.utf8.count * 6 + 2 }
    /// The most bytes `writeDecimal` and `writeISO8601` write.
    public static let numberBound = 21
    /// The most bytes `writePrice` writes: a sign, 15 integer digits, the point and 4 fractional digits, rounded up.
    public static let priceBound = 26
    public static let timeBound = 36

    @inlinable
    public mutating func write(_ text: StaticString) {
        write(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inlinable
    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        precondition(written + bytes.count <= base.count, "JSONCursor: bound too small")
        UnsafeMutableRawBufferPointer(rebasing: base[written..<written + bytes.count]).copyMemory(from: bytes)
        written += bytes.count
    }

    @inlinable
    public mutating func write(byte: UInt8) {
        precondition(written < base.count, "JSONCursor: bound too small")
        base[written] = byte
        written += 1
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    @inlinable
    public mutating func writeString(_ text: String) {
        write(byte: UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var plainStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "\\") {
                write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[plainStart..<index]))
                plainStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): write("\\\"")
                case UInt8(ascii: "\\"): write("\\\\")
                case UInt8(ascii: "\n"): write("\\n")
                case UInt8(ascii: "\r"): write("\\r")
                case UInt8(ascii: "\t"): write("\\t")
                default:
                    write("\\u00")
                    write(byte: Self.hexDigit(byte >> 4))
                    write(byte: Self.hexDigit(byte & 0xF))
                }
            }
            write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[plainStart...]))
        }
        write(byte: UInt8(ascii: "\""))
    }

    @inlinable
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// `value` in decimal digits.
    @inlinable
    public mutating func writeDecimal(_ value: Int64) {
        if value < 0 { write(byte: UInt8(ascii: "-")) }
        writeDigits(value.magnitude, minimumCount: 1)
    }

    /// The digits of `value`, with leading zeros up to `minimumCount` (at most 20) digits.
    @inlinable
    public mutating func writeDigits(_ value: UInt64, minimumCount: Int) {
        var digitCount = 1
        var rest = value / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        digitCount = max(digitCount, minimumCount)
        precondition(written + digitCount <= base.count, "JSONCursor: bound too small")
        rest = value
        for index in stride(from: written + digitCount - 1, through: written, by: -1) {
            base[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        written += digitCount
    }

    /// The shortest exact decimal text of a price, as `Price.description` writes it: `187.12`, `0.5`, `1200`.
    @inlinable
    public mutating func writePrice(_ price: Price) {
        if price.tenThousandths < 0 { write(byte: UInt8(ascii: "-")) }
        let magnitude = price.tenThousandths.magnitude
        writeDigits(magnitude / 10_000, minimumCount: 1)
        var fraction = magnitude % 10_000
        guard fraction != 0 else { return }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        write(byte: UInt8(ascii: "."))
        writeDigits(fraction, minimumCount: digits)
    }

    /// `2026-11-25T08:15:00Z`, as `JSONEncoder`'s `.iso8601` strategy writes it.
    @inlinable
    public mutating func writeISO8601(_ date: Date) {
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
        writeDecimal(year)
        write(byte: UInt8(ascii: "-"))
        writeDigits(UInt64(month), minimumCount: 2)
        write(byte: UInt8(ascii: "-"))
        writeDigits(UInt64(day), minimumCount: 2)
        write(byte: UInt8(ascii: "T"))
        writeDigits(UInt64(secondOfDay / 3_600), minimumCount: 2)
        write(byte: UInt8(ascii: ":"))
        writeDigits(UInt64(secondOfDay % 3_600 / 60), minimumCount: 2)
        write(byte: UInt8(ascii: ":"))
        writeDigits(UInt64(secondOfDay % 60), minimumCount: 2)
        write(byte: UInt8(ascii: "Z"))
    }
}
