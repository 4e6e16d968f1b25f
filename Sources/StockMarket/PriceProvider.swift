import StockStorage

/// A security as a price provider needs it: the id it is stored under, its ticker and its last known price.
public struct QuotedSecurity: Sendable, Hashable {
    public var id: Int64
    public var ticker: String
    public var lastPrice: Price?

    public init(id: Int64, ticker: String, lastPrice: Price?) {
        self.id = id
        self.ticker = ticker
        self.lastPrice = lastPrice
    }
}

/// A source of current prices.
public protocol PriceProvider: Sendable {
    /// Current prices for as many of `securities` as the provider can quote, keyed by security id. A security left
    /// out was not refreshed (the poller keeps its last price and eventually reports it stale). Throws when the
    /// provider could not be asked at all.
    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: Price]
}
