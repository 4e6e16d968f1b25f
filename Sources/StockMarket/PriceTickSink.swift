import StockModel

/// Where the poller hands each tick (the hub; tests use their own).
public protocol PriceTickSink: Sendable {
    /// Makes the securities (tickers and last prices) known before the first tick, and again when the listing
    /// changes.
    func register(_ securities: [QuotedSecurity])
    /// Takes one tick; must not wait on any client.
    func publish(_ tick: PriceTick)
}
