import Foundation

/// A listed security as stored, with its last known price.
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

    public init(
        id: Int64, ticker: String, name: String, exchange: String, country: String? = nil, isin: String? = nil,
        currency: String? = nil, aliases: [String] = [], isETF: Bool = false, lastPrice: Price? = nil,
        priceTime: Date? = nil
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
    }
}

/// A new price for one security.
public struct PriceUpdate: Sendable, Hashable {
    public var securityID: Int64
    public var price: Price

    public init(securityID: Int64, price: Price) {
        self.securityID = securityID
        self.price = price
    }
}
