import StockModel

/// The ranges a provider's figures must fall in to be believed, shared by every HTTP provider's payload: each
/// number is checked before it is converted, so none can trap.
enum ProviderFigures {
    /// The highest price taken from a provider (no listed share trades near it; past it, the quote is bad).
    static let maxPrice = 1_000_000_000.0
    /// The highest day volume a plausible quote carries (a thousand times the busiest US trading day).
    static let maxVolume = 1e13

    /// `value` as a price when it is a finite number in (0, `maxPrice`] that is still positive once rounded to
    /// ten-thousandths; else `nil` (a zero is a provider's "none yet").
    static func validPrice(_ value: Double?) -> Price? {
        guard let value, value.isFinite, value > 0, value <= maxPrice, let price = Price(rounding: value),
              price.tenThousandths > 0
        else { return nil }
        return price
    }

    /// Whether an optional number is absent, or finite within `0...max`.
    static func isPlausible(_ value: Double?, max: Double) -> Bool {
        guard let value else { return true }
        return value.isFinite && value >= 0 && value <= max
    }

    /// A day's high and low, both left out when the high is below the low.
    static func dayRange(high: Double?, low: Double?) -> (high: Price?, low: Price?) {
        let high = validPrice(high), low = validPrice(low)
        if let high, let low, high < low { return (nil, nil) }
        return (high, low)
    }
}
