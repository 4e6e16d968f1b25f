import Foundation

/// What a security's quote holds besides its price and its listing's currency (SPEC, "Quotes"): what a tick
/// carries for each security whose quote changed, what the store keeps of the last quote (so that it survives a
/// restart) and what every node serves. Unknown figures are `nil`, never invented.
public struct QuoteFigures: Sendable, Hashable {
    /// The last regular-session price of the trading day before the current one.
    public var previousClose: Price?
    /// The trading day's highest price so far.
    public var dayHigh: Price?
    /// The trading day's lowest price so far.
    public var dayLow: Price?
    /// Shares traded in the trading day so far.
    public var volume: Int64?
    /// `pre`, `regular`, `post` or `closed`, from the security's exchange calendar.
    public var marketState: MarketState?
    /// The provider's quote time (the tick's time for the simulated market).
    public var asOf: Date?

    /// Figures; each may be unknown.
    public init(
        previousClose: Price? = nil, dayHigh: Price? = nil, dayLow: Price? = nil, volume: Int64? = nil,
        marketState: MarketState? = nil, asOf: Date? = nil
    ) {
        self.previousClose = previousClose
        self.dayHigh = dayHigh
        self.dayLow = dayLow
        self.volume = volume
        self.marketState = marketState
        self.asOf = asOf
    }
}
