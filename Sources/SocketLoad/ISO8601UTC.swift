import StockCalendar

/// Reads an ISO 8601 UTC time, `2026-08-21T14:30:00.123Z` (fraction optional, any number of its digits), into
/// milliseconds since 1970, digit by digit: no formatter, no calendar, no allocation.
enum ISO8601UTC {
    /// The time starting at `offset` in `bytes`, or nil when it is not of that form.
    static func milliseconds(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Int64? {
        var reader = DigitReader(bytes: bytes, index: offset)
        guard let year = reader.number(digits: 4), reader.skip("-"),
              let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2), reader.skip("T"),
              let hour = reader.number(digits: 2), reader.skip(":"),
              let minute = reader.number(digits: 2), reader.skip(":"),
              let second = reader.number(digits: 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var millisecond = 0
        if reader.skip(".") {
            var scale = 100
            var digits = 0
            while let digit = reader.digit() {
                millisecond += digit * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        guard reader.skip("Z") else { return nil }
        let days = CalendarDay.daysSince1970(year: year, month: month, day: day)
        let seconds = ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60 + Int64(second)
        return seconds * 1000 + Int64(millisecond)
    }

    /// A cursor over ASCII bytes.
    private struct DigitReader {
        let bytes: UnsafeRawBufferPointer
        var index: Int

        mutating func digit() -> Int? {
            guard index < bytes.count, let digit = bytes[index].decimalDigit else { return nil }
            index += 1
            return digit
        }

        mutating func number(digits: Int) -> Int? {
            var value = 0
            for _ in 0..<digits {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }
    }
}
