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
        let days = daysSince1970(year: year, month: month, day: day)
        let seconds = ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60 + Int64(second)
        return seconds * 1000 + Int64(millisecond)
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
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
