import StockModel

/// Turns conditions into the keys of the threshold heaps, in integer arithmetic.
///
/// Every condition becomes a price threshold `T` in ten-thousandths: a rising condition fires when the price is
/// above `T`, a falling one when it is below `T`. A heap keeps its smallest key on top and fires while that key is
/// below the probe, so a rising condition is filed under `T` with the price as the probe, a falling one under
/// `~T` (that is `-T - 1`, which orders the other way and cannot overflow) with `~price` as the probe.
///
/// A percent condition is decided as SPEC's `change_percent` would decide it: the change
/// `100 × (price − reference) / reference`, rounded half-even to four fractional digits, compared strictly with
/// the value. Rounding is monotone in the price, so the prices that satisfy the condition are exactly those past
/// one threshold, which is derived here once per reference. Without a positive reference there is no
/// `change_percent`, and the alert is filed under `never`: it waits, and fires only once a positive reference
/// arrives and the condition holds.
enum AlertThreshold {
    /// The key of an alert that cannot fire: no probe is below it.
    static let never = Int64.max

    /// `change_percent` is counted in ten-thousandths of a percent: one unit of the price ratio is 10^6 of them.
    private static let unitsPerRatio: Int128 = 1_000_000

    /// The heap key of a condition of `kind` with `value` (ten-thousandths), for the security's `reference`.
    static func key(_ kind: AlertCondition.Kind, value: Int64, reference: Price?) -> Int64 {
        switch kind {
        case .priceAbove: value
        case .priceBelow: ~value
        case .changePercentAbove: reference.map { priceAbove(whichChangeExceeds: value, reference: $0) } ?? never
        case .changePercentBelow: reference.map { ~priceBelow(whichChangeIsUnder: value, reference: $0) } ?? never
        }
    }

    /// What a heap of `kind` compares its smallest key with: an alert fires while its key is below this.
    static func probe(_ price: Price, firesRising: Bool) -> Int64 {
        firesRising ? price.tenThousandths : ~price.tenThousandths
    }

    /// The price `T` such that the rounded change from `reference` exceeds `percent` exactly when the price is
    /// above `T`; `Int64.max` (never) without a positive reference.
    ///
    /// With `x = 10^6 (p − r) / r` the exact change in ten-thousandths of a percent and `V` the value, the rounded
    /// change exceeds `V` when `x > V + ½`, or `x = V + ½` and the tie rounds up to `V + 1`, which half-even does
    /// when `V + 1` is even. Times `2r`: `2·10^6·p > r (2·10^6 + 2V + 1)`, or equal with `V` odd.
    static func priceAbove(whichChangeExceeds percent: Int64, reference: Price) -> Int64 {
        let r = Int128(reference.tenThousandths)
        guard r > 0 else { return Int64.max }
        let divisor = 2 * unitsPerRatio
        guard let bound = product(r, divisor + 2 * Int128(percent) + 1) else { return Int64.max }
        var threshold = bound / divisor
        if bound % divisor != 0, bound < 0 { threshold -= 1 }  // floor
        if bound % divisor == 0, percent & 1 == 1 { threshold -= 1 }  // the tie at p = bound / divisor fires
        return Int64(clamping: threshold)
    }

    /// The price `T` such that the rounded change from `reference` is below `percent` exactly when the price is
    /// below `T`; `Int64.min` (never) without a positive reference.
    ///
    /// The rounded change is below `V` when `x < V − ½`, or `x = V − ½` and the tie rounds down to `V − 1`,
    /// which half-even does when `V` is odd. Times `2r`: `2·10^6·p < r (2·10^6 + 2V − 1)`, or equal with `V` odd.
    static func priceBelow(whichChangeIsUnder percent: Int64, reference: Price) -> Int64 {
        let r = Int128(reference.tenThousandths)
        guard r > 0 else { return Int64.min }
        let divisor = 2 * unitsPerRatio
        guard let bound = product(r, divisor + 2 * Int128(percent) - 1) else { return Int64.max }
        var threshold = bound / divisor
        if bound % divisor != 0, bound > 0 { threshold += 1 }  // ceiling
        if bound % divisor == 0, percent & 1 == 1 { threshold += 1 }  // the tie at p = bound / divisor fires
        return Int64(clamping: threshold)
    }

    /// `reference × factor` for a positive reference, or `nil` when it overflows (it is then far beyond any
    /// `Int64` price, on the side of `factor`'s sign, which for the callers is always positive there).
    private static func product(_ reference: Int128, _ factor: Int128) -> Int128? {
        let (result, overflow) = reference.multipliedReportingOverflow(by: factor)
        return overflow ? nil : result
    }
}
