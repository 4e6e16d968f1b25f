import StockModel
import StockQuotes

/// A source of current quotes.
public protocol PriceProvider: Sendable {
    /// Current quotes for as many of `securities` as the provider can quote, keyed by security id. A security left
    /// out was not refreshed (the poller keeps its last quote and eventually reports it stale). Each security's
    /// `quote.marketState` is its market's state at the tick being quoted. Throws when the provider could not be
    /// asked at all.
    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote]
}
