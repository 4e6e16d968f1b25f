import StockCalendar
import StockModel

/// The simulated market's trading day as a pure, seeded function: how one security's price moves and how many
/// shares trade in one tick, given the market state. Integer arithmetic only, so the same seed, security and
/// tick give the same step on every machine.
///
/// Prices start where the caller starts them (the stored price, else the listing's reference price, with the
/// listing's previous close registered in the `QuoteBook`). A step is a relative move whose standard deviation
/// is `volatilityPPM` millionths in the regular session, scaled by `stepPercent(in:)`: less in the pre- and
/// post-market, zero when closed.
public struct SimulatedMotion: Sendable, Hashable {
    /// The seed every move is derived from.
    public let seed: UInt64
    /// The share of securities that move in a tick while the market is not closed, in millionths (300,000 is
    /// 30 %).
    public let movedSharePPM: Int64
    /// The standard deviation of one regular-session move relative to the price, in millionths (2,000 is
    /// 0.2 %), at most 1,000,000.
    public let volatilityPPM: Int64
    /// The mean number of shares a moving security trades in a regular-session tick, at most 10^12.
    public let sharesPerMove: Int64

    /// A motion from `seed`; the shares and sizes are clamped to their ranges.
    public init(
        seed: UInt64 = 0x5EED, movedSharePPM: Int64 = 300_000, volatilityPPM: Int64 = 2_000,
        sharesPerMove: Int64 = 1_000
    ) {
        self.seed = seed
        self.movedSharePPM = min(max(movedSharePPM, 0), 1_000_000)
        self.volatilityPPM = min(max(volatilityPPM, 0), 1_000_000)
        self.sharesPerMove = min(max(sharesPerMove, 0), 1_000_000_000_000)
    }

    /// How big a tick's steps (and volumes) are in `state`, in percent of the regular session's.
    public static func stepPercent(in state: MarketState) -> Int64 {
        switch state {
        case .regular: 100
        case .pre, .post: 30
        case .closed: 0
        }
    }

    /// The price after tick `tick` and the shares traded in it, for the security `key` (a stable hash of its
    /// ticker, the same in every process) at `price`. Unchanged with no volume when closed or when this
    /// tick does not move the security; a move changes the price by at least one unit (a cent from one
    /// dollar up, 0.0001 below) and keeps it at least one unit.
    public func step(
        from price: Price, key: UInt64, tick: UInt64, state: MarketState
    ) -> (price: Price, traded: Int64) {
        let percent = Self.stepPercent(in: state)
        var random = SplitMix64.mix(seed ^ key ^ (tick &* 0x9E37_79B9_7F4A_7C15))
        guard percent > 0, Int64(random % 1_000_000) < movedSharePPM else { return (price, 0) }
        random = SplitMix64.mix(random)
        // Four 16-bit uniforms summed and centred: nearly normal, with a standard deviation of
        // 65,536 / sqrt(3) ≈ 37,837.
        var sum: Int64 = -131_072
        for lane in 0..<4 { sum += Int64((random >> (16 * UInt64(lane))) & 0xFFFF) }
        let current = Int128(price.tenThousandths)
        let move = current * Int128(volatilityPPM * percent) * Int128(sum) / (100 * 1_000_000 * 37_837)
        let unit: Int128 = current >= 10_000 ? 100 : 1
        var moved = ExactArithmetic.roundedHalfEven(current + move, dividedBy: unit) * unit
        if moved == current { moved += sum >= 0 ? unit : -unit }
        let traded = sharesPerMove * percent / 100 * Int64(SplitMix64.mix(random) % 2_001) / 1_000
        return (Price(tenThousandths: Int64(clamping: max(moved, unit))), traded)
    }
}
