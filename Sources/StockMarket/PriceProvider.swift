import Foundation
import StockModel

/// A source of current quotes.
public protocol PriceProvider: Sendable {
    /// Current quotes for as many of `securities` as the provider can quote, keyed by security id. A security left
    /// out was not refreshed (the poller keeps its last quote and eventually reports it stale). Each security's
    /// `quote.marketState` is its market's state at the tick being quoted. Throws when the provider could not be
    /// asked at all.
    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote]
}

/// One security's quote as a provider gives it: always a price, and whatever else the provider knows. The poller
/// folds it into the security's trading day (`QuoteBook`): what the provider gives wins over what the book works
/// out itself.
public struct ProviderQuote: Sendable, Hashable {
    /// The last price.
    public var price: Price
    /// The previous close as the provider reports it.
    public var previousClose: Price?
    /// The day's high and low as the provider reports them.
    public var dayHigh: Price?
    public var dayLow: Price?
    /// The day's cumulative volume as the provider reports it.
    public var dayVolume: Int64?
    /// Shares traded since the last poll (the simulated market's); added to the day's volume.
    public var tradedVolume: Int64?
    /// The provider's quote time; the tick's time when `nil`.
    public var asOf: Date?

    /// A quote at `price`; what the provider does not give stays `nil`.
    public init(
        price: Price, previousClose: Price? = nil, dayHigh: Price? = nil, dayLow: Price? = nil,
        dayVolume: Int64? = nil, tradedVolume: Int64? = nil, asOf: Date? = nil
    ) {
        self.price = price
        self.previousClose = previousClose
        self.dayHigh = dayHigh
        self.dayLow = dayLow
        self.dayVolume = dayVolume
        self.tradedVolume = tradedVolume
        self.asOf = asOf
    }
}
