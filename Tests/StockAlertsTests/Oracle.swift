import Foundation
import StockAlerts
import StockModel

/// The plain definitions the engine is checked against: SPEC's `change_percent` in `Decimal`, rounded half-even to
/// four digits, and each condition evaluated directly.
enum Oracle {
    /// `100 × (price − reference) / reference` rounded half-even to four digits; `nil` without a positive
    /// reference.
    static func changePercent(_ price: Price, reference: Price?) -> Decimal? {
        guard let reference, reference.tenThousandths > 0 else { return nil }
        var exact = Decimal(price.tenThousandths - reference.tenThousandths) * 100 / Decimal(reference.tenThousandths)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 4, .bankers)
        return rounded
    }

    static func holds(_ condition: AlertCondition, price: Price, reference: Price?) -> Bool {
        switch condition {
        case .priceAbove(let value): return price > value
        case .priceBelow(let value): return price < value
        case .changePercentAbove(let value):
            return changePercent(price, reference: reference).map { $0 > decimal(value) } ?? false
        case .changePercentBelow(let value):
            return changePercent(price, reference: reference).map { $0 < decimal(value) } ?? false
        }
    }

    static func decimal(_ change: PercentChange) -> Decimal { Decimal(change.tenThousandths) / 10_000 }
}

/// A seeded generator, so that a failing randomized test fails the same way again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (state ^ (state >> 33)) &* 0xFF51_AFD7_ED55_8CCD
    }
}
