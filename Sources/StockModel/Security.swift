import Foundation

/// A listed security as stored, with its last known price and quote.
public struct Security: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var ticker: String
    public var name: String
    public var exchange: String
    public var country: String?
    public var isin: String?
    public var currency: String?
    public var aliases: [String]
    public var isETF: Bool
    public var lastPrice: Price?
    public var priceTime: Date?
    /// The rest of the last quote (a listing's reference previous close until the first tick).
    public var quote: QuoteFigures
    /// The market capitalisation in the listing's currency, exact (reference data; ranks search ties).
    public var marketCap: Price?

    public init(
        id: Int64, ticker: String, name: String, exchange: String, country: String? = nil, isin: String? = nil,
        currency: String? = nil, aliases: [String] = [], isETF: Bool = false, lastPrice: Price? = nil,
        priceTime: Date? = nil, quote: QuoteFigures = QuoteFigures(), marketCap: Price? = nil
    ) {
        self.id = id
        self.ticker = ticker
        self.name = name
        self.exchange = exchange
        self.country = country
        self.isin = isin
        self.currency = currency
        self.aliases = aliases
        self.isETF = isETF
        self.lastPrice = lastPrice
        self.priceTime = priceTime
        self.quote = quote
        self.marketCap = marketCap
    }
}

/// A new price for one security, with the rest of its quote when the tick carries one.
public struct PriceUpdate: Sendable, Hashable {
    public var securityID: Int64
    public var price: Price
    /// The quote's other figures after the tick; `nil` when only the price is known (they are left as they are).
    public var quote: QuoteFigures?

    public init(securityID: Int64, price: Price, quote: QuoteFigures? = nil) {
        self.securityID = securityID
        self.price = price
        self.quote = quote
    }
}
