/// Exact decimal text as listings write prices and market caps: no binary floating point anywhere.
struct ListingDecimal: Equatable {
    /// The most fractional digits a decimal may have (prices have at most 4).
    static let maxScale = 4
    /// The most integer digits a decimal may have (a market cap of 10^15 still fits in `Int64` units).
    static let maxIntegerDigits = 14

    /// The value in units of 10^-scale.
    var units: Int64
    var scale: Int

    /// Reads `231.59`, `-1.04`, `+0.0009`, `7203`: an optional sign, digits, at most `maxScale` decimals.
    init?(_ text: some StringProtocol) {
        var body = Substring(text)
        let negative = body.first == "-"
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, parts[0].count <= Self.maxIntegerDigits else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (1...Self.maxScale).contains(fraction.count) else { return nil }
        var units: Int64 = 0
        for character in parts[0] + fraction {
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            units = units * 10 + Int64(digit)
        }
        self.units = negative ? -units : units
        self.scale = fraction.count
    }

    private init(units: Int64, scale: Int) {
        self.units = units
        self.scale = scale
    }

    /// The value with `scale` decimals (`scale` not below the current one).
    private func rescaled(to scale: Int) -> ListingDecimal {
        var units = self.units
        for _ in self.scale..<scale { units *= 10 }
        return ListingDecimal(units: units, scale: scale)
    }

    /// `self - other`, exactly, with the finer of the two scales.
    func subtracting(_ other: ListingDecimal) -> ListingDecimal {
        let scale = max(self.scale, other.scale)
        return ListingDecimal(units: rescaled(to: scale).units - other.rescaled(to: scale).units, scale: scale)
    }

    /// The decimal text, with `scale` decimals (`232.63`, `-0.0010`).
    var text: String {
        let digits = String(units.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let integer = padded.dropLast(scale)
        let sign = units < 0 ? "-" : ""
        return scale == 0 ? sign + integer : sign + integer + "." + padded.suffix(scale)
    }

    /// The text without a fractional part that is all zeros (`1093933303969.00` -> `1093933303969`).
    var textWithoutZeroFraction: String {
        var value = self
        while value.scale > 0 && value.units % 10 == 0 {
            value = ListingDecimal(units: value.units / 10, scale: value.scale - 1)
        }
        return value.text
    }

    /// A reference price: `231.59`, `0.0001`, `7203`: digits, then at most 4 decimals; not zero, no sign.
    static func isReferencePrice(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isNumber, let value = ListingDecimal(text) else {
            return false
        }
        return value.units > 0
    }

    /// A market cap: unsigned digits with at most 4 decimals, given without a zero fraction; nil for anything
    /// else.
    static func marketCap(_ text: String) -> String? {
        guard let first = text.first, first.isASCII, first.isNumber, let value = ListingDecimal(text) else {
            return nil
        }
        return value.textWithoutZeroFraction
    }
}
