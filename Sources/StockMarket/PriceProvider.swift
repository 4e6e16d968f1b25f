import StockModel

/// A source of current prices.
public protocol PriceProvider: Sendable {
    /// Current prices for as many of `securities` as the provider can quote, keyed by security id. A security left
    /// out was not refreshed (the poller keeps its last price and eventually reports it stale). Throws when the
    /// provider could not be asked at all.
    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: Price]
}
