import Foundation
import StockCalendar
import StockModel

/// What a watchlist row shows for one security (SPEC, "Quotes"): the price, the day's change against the
/// previous close, the day's range and volume, the currency and whether the market is open.
///
/// Unknown fields are `nil`, never invented. `change` and `changePercent` are derived from `price` and
/// `previousClose`, so they never disagree with them.
public struct Quote: Sendable, Hashable {
    /// The last price.
    public var price: Price
    /// The last regular-session price of the trading day before the current one.
    public var previousClose: Price?
    /// The trading day's highest price so far.
    public var dayHigh: Price?
    /// The trading day's lowest price so far.
    public var dayLow: Price?
    /// Shares traded in the trading day so far.
    public var volume: Int64?
    /// The listing's currency (`USD` for the US symbol directory).
    public var currency: String?
    /// `pre`, `regular`, `post` or `closed`, from the security's exchange calendar.
    public var marketState: MarketState?
    /// The provider's quote time (the tick's time for the simulated market).
    public var asOf: Date?

    /// A quote; every field but the price may be unknown.
    public init(
        price: Price, previousClose: Price? = nil, dayHigh: Price? = nil, dayLow: Price? = nil,
        volume: Int64? = nil, currency: String? = nil, marketState: MarketState? = nil, asOf: Date? = nil
    ) {
        self.price = price
        self.previousClose = previousClose
        self.dayHigh = dayHigh
        self.dayLow = dayLow
        self.volume = volume
        self.currency = currency
        self.marketState = marketState
        self.asOf = asOf
    }

    /// `price − previousClose`, exact (clamped to the range of `Price` for extreme inputs); `nil` without a
    /// positive previous close.
    public var change: Price? {
        positivePreviousClose.map {
            Price(tenThousandths: ExactArithmetic.change(price: price.tenThousandths, previousClose: $0))
        }
    }

    /// The change relative to the previous close in percent (`1.23` means 1.23 %), rounded half-even to four
    /// fractional digits (clamped for extreme inputs); `nil` without a positive previous close.
    public var changePercent: Percent? {
        positivePreviousClose.map {
            Percent(tenThousandths: ExactArithmetic.changePercent(price: price.tenThousandths, previousClose: $0))
        }
    }

    private var positivePreviousClose: Int64? {
        previousClose.flatMap { $0.tenThousandths > 0 ? $0.tenThousandths : nil }
    }
}
