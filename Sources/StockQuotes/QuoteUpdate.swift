import Foundation
import StockModel

/// One security's quote from a provider for one tick: always a price, and whatever else the provider gives.
/// What the provider gives wins over what the `QuoteBook` works out itself.
public struct ProviderQuote: Sendable, Hashable {
    /// The last price.
    public var price: Price
    /// The previous close as the provider reports it; it replaces the book's own.
    public var previousClose: Price?
    /// The day's high as the provider reports it; the book's high becomes this (or `price` if higher).
    public var dayHigh: Price?
    /// The day's low as the provider reports it; the book's low becomes this (or `price` if lower).
    public var dayLow: Price?
    /// The day's cumulative volume as the provider reports it; it replaces the book's.
    public var dayVolume: Int64?
    /// Shares traded since the last tick (the simulated market's); added to the day's volume.
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

/// A provider's quote of the security at `index` in a `QuoteBook`, for one tick.
public struct QuoteUpdate: Sendable, Hashable {
    /// The security's index in the `QuoteBook`.
    public var index: Int32
    /// The provider's quote.
    public var quote: ProviderQuote

    /// The update of the security at `index`.
    public init(index: Int32, quote: ProviderQuote) {
        self.index = index
        self.quote = quote
    }

    /// An update of the security at `index` to `price`, with the shares traded since the last tick.
    public init(index: Int32, price: Price, tradedVolume: Int64? = nil) {
        self.init(index: index, quote: ProviderQuote(price: price, tradedVolume: tradedVolume))
    }
}

/// A security whose quote changed in a tick so that a message is due.
public struct QuoteChange: Sendable, Hashable {
    /// The security's index in the `QuoteBook`.
    public var index: Int32
    /// The fields a delta carries: those that changed, always with `price`.
    public var fields: QuoteFields
}
