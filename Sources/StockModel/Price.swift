import Foundation

/// A price as an exact decimal with at most four fractional digits, held as a whole number of
/// ten-thousandths so that storage and arithmetic never drift the way binary floating point does.
public struct Price: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The price in units of 0.0001.
    public var tenThousandths: Int64

    public init(tenThousandths: Int64) {
        self.tenThousandths = tenThousandths
    }

    /// Parses a plain decimal such as `187.12`, `0.5` or `1200`; `nil` for anything else or more than four
    /// fractional digits.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
              let wholeValue = Int64(whole), wholeValue < 100_000_000_000_000
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            fraction = Int64(digits + String(repeating: "0", count: 4 - digits.count))!
        }
        tenThousandths = wholeValue * 10_000 + fraction
    }

    /// Rounds a binary floating-point quote (as providers send them) to four fractional digits; `nil` when it
    /// is not finite or out of range.
    public init?(rounding value: Double) {
        guard value.isFinite, abs(value) < 1e14 else { return nil }
        tenThousandths = Int64((value * 10_000).rounded())
    }

    /// The price as an exact `Decimal`.
    public var decimal: Decimal { Decimal(tenThousandths) / 10_000 }

    /// The shortest exact decimal text: `187.12`, `0.5`, `1200`.
    public var description: String {
        let sign = tenThousandths < 0 ? "-" : ""
        let magnitude = tenThousandths.magnitude
        let whole = magnitude / 10_000
        var fraction = magnitude % 10_000
        guard fraction != 0 else { return "\(sign)\(whole)" }
        var digits = 4
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let fractionText = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - fractionText.count))\(fractionText)"
    }

    public static func < (lhs: Price, rhs: Price) -> Bool { lhs.tenThousandths < rhs.tenThousandths }
}

extension Price: Codable {
    /// Encodes as a JSON number written exactly (via `Decimal`), never through `Double`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimal)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let decimal = try container.decode(Decimal.self)
        guard let price = Price(decimal.description) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a price: \(decimal)")
        }
        self = price
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
