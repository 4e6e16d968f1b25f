/// ISINs and CUSIPs: recognised only when their check digit is right (so a near-ISIN falls through to the
/// normal search), and packed into one integer, so that the index finds them by a binary search in a sorted
/// `[UInt64]`.
enum SecurityCode {
    /// Set in the key of a CUSIP, so that CUSIP and ISIN keys never meet.
    static let cusipTag: UInt64 = 1 << 63

    /// The key of the ISIN spelled by `units` (folded scalars or ASCII bytes, either case): two letters, nine
    /// letters or digits, and a Luhn check digit over the letters written as numbers (`A` = 10 ... `Z` = 35).
    /// Nil unless all of that holds.
    static func isinKey<Units: BidirectionalCollection>(_ units: Units) -> UInt64?
        where Units.Element: FixedWidthInteger {
        guard units.count == 12 else { return nil }
        var key: UInt64 = 0
        for (position, unit) in units.enumerated() {
            guard let value = alphanumericValue(unit), position >= 2 || value >= 10, position < 11 || value < 10
            else { return nil }
            key = key * 36 + UInt64(value)
        }
        // Luhn from the right: the digit just left of the check digit is doubled, then every other one; a
        // letter is two digits, its ones digit the rightmost.
        var sum = 0
        var doubles = true
        for unit in units.reversed().dropFirst() {
            var remaining = alphanumericValue(unit) ?? 0
            repeat {
                let digit = doubles ? remaining % 10 * 2 : remaining % 10
                sum += digit > 9 ? digit - 9 : digit
                doubles.toggle()
                remaining /= 10
            } while remaining > 0
        }
        return (10 - sum % 10) % 10 == alphanumericValue(units[units.index(before: units.endIndex)]) ? key : nil
    }

    /// The key of the CUSIP spelled by `units`: eight letters or digits (the issuer and the issue) and a check
    /// digit (every second value doubled, the digits of the values summed). Nil unless it holds.
    static func cusipKey<Units: Collection>(_ units: Units) -> UInt64? where Units.Element: FixedWidthInteger {
        guard units.count == 9 else { return nil }
        var key: UInt64 = 0
        var sum = 0
        for (position, unit) in units.enumerated() {
            guard let value = alphanumericValue(unit) else { return nil }
            key = key * 36 + UInt64(value)
            if position == 8 {
                return value < 10 && (10 - sum % 10) % 10 == value ? key | cusipTag : nil
            }
            let weighted = position % 2 == 1 ? value * 2 : value
            sum += weighted / 10 + weighted % 10
        }
        return nil
    }

    /// The CUSIP inside a US or Canadian ISIN (`US0378331005` holds `037833100`), if the ISIN has one.
    static func cusip(inISIN isin: String) -> Substring? {
        let utf8 = isin.utf8
        guard utf8.count == 12, isin.hasPrefix("US") || isin.hasPrefix("CA") || isin.hasPrefix("us")
                || isin.hasPrefix("ca") else { return nil }
        return isin.dropFirst(2).dropLast()
    }

    /// 0-9 for digits, 10-35 for ASCII letters of either case.
    private static func alphanumericValue<Unit: FixedWidthInteger>(_ unit: Unit) -> Int? {
        guard unit >= 0x30, unit <= 0x7A else { return nil }
        let value = Int(unit)
        switch value {
        case 0x30...0x39: return value - 0x30
        case 0x41...0x5A: return value - 0x41 + 10
        case 0x61...0x7A: return value - 0x61 + 10
        default: return nil
        }
    }
}
