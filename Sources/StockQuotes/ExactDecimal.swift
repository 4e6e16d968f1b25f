import Foundation
import StockModel

/// A percentage as an exact decimal with at most four fractional digits, held as a whole number of
/// ten-thousandths of a percent: `1.2345` means 1.2345 %.
public struct Percent: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The percentage in units of 0.0001 %.
    public var tenThousandths: Int64

    /// The percentage `tenThousandths` × 0.0001 %.
    public init(tenThousandths: Int64) {
        self.tenThousandths = tenThousandths
    }

    /// The shortest exact decimal text, written as `Price` writes its digits: `1.23`, `-0.0001`, `0`.
    public var description: String { Price(tenThousandths: tenThousandths).description }

    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.tenThousandths < rhs.tenThousandths }
}

extension Percent: Codable {
    /// Encodes as a JSON number written exactly, the way `Price` is.
    public func encode(to encoder: Encoder) throws {
        try Price(tenThousandths: tenThousandths).encode(to: encoder)
    }

    /// Decodes a JSON number of at most four fractional digits, negative ones too.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(Decimal.self).description
        let isNegative = text.hasPrefix("-")
        guard let magnitude = Price(text.dropFirst(isNegative ? 1 : 0)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a percent: \(text)")
        }
        tenThousandths = isNegative ? -magnitude.tenThousandths : magnitude.tenThousandths
    }
}

/// The quote arithmetic: whole numbers of ten-thousandths, widened to 128 bits so that no `Int64` input traps,
/// and clamped back to `Int64` where a result does not fit.
enum ExactArithmetic {
    /// `price − previousClose` in ten-thousandths, clamped to the range of `Int64`.
    static func change(price: Int64, previousClose: Int64) -> Int64 {
        Int64(clamping: Int128(price) - Int128(previousClose))
    }

    /// `(price − previousClose) / previousClose × 100` in ten-thousandths of a percent, rounded half-even,
    /// clamped to the range of `Int64`. `previousClose` must be positive.
    static func changePercent(price: Int64, previousClose: Int64) -> Int64 {
        // Both prices are in ten-thousandths, so the ratio times 100 % times 10,000 units of 0.0001 %.
        let difference = Int128(price) - Int128(previousClose)
        return Int64(clamping: roundedHalfEven(difference * 1_000_000, dividedBy: Int128(previousClose)))
    }

    /// `numerator / denominator` rounded to the nearest whole number, ties to the even one. `denominator`
    /// must be positive.
    static func roundedHalfEven(_ numerator: Int128, dividedBy denominator: Int128) -> Int128 {
        // Division truncates toward zero; the remainder takes the numerator's sign.
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let twiceRemainder = remainder.magnitude * 2
        let awayFromZero = twiceRemainder > denominator.magnitude
            || (twiceRemainder == denominator.magnitude && quotient % 2 != 0)
        guard awayFromZero else { return quotient }
        return numerator < 0 ? quotient - 1 : quotient + 1
    }

    /// `base + addend`, saturating at the range of `Int64` instead of trapping.
    static func saturatingSum(_ base: Int64, _ addend: Int64) -> Int64 {
        Int64(clamping: Int128(base) + Int128(addend))
    }
}
