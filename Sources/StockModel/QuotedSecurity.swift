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

extension QuotedSecurity {
    /// What a provider needs of a stored security.
    public init(_ security: Security) {
        self.init(id: security.id, ticker: security.ticker, lastPrice: security.lastPrice)
    }
}
