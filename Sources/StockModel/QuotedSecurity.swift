/// A security as live prices need it: the id it is stored under, its ticker, its exchange (which calendar it
/// trades by), its currency, its last known price and the rest of its last quote.
public struct QuotedSecurity: Sendable, Hashable {
    public var id: Int64
    public var ticker: String
    public var lastPrice: Price?
    /// The listing's exchange code (`NASDAQ`, `JPX`, ...); empty when unknown.
    public var exchange: String
    /// The listing's currency (`USD`), `nil` when unknown.
    public var currency: String?
    /// The last quote's other figures; its `marketState` is the one at the tick being quoted.
    public var quote: QuoteFigures

    public init(
        id: Int64, ticker: String, lastPrice: Price?, exchange: String = "", currency: String? = nil,
        quote: QuoteFigures = QuoteFigures()
    ) {
        self.id = id
        self.ticker = ticker
        self.lastPrice = lastPrice
        self.exchange = exchange
        self.currency = currency
        self.quote = quote
    }
}

extension QuotedSecurity {
    /// What live prices need of a stored security.
    public init(_ security: Security) {
        self.init(
            id: security.id, ticker: security.ticker, lastPrice: security.lastPrice, exchange: security.exchange,
            currency: security.currency, quote: security.quote)
    }
}
