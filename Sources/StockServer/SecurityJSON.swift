import Foundation
import Hummingbird
import StockMarket
import StockModel
import StockQuotes

/// A security as the API answers it (search results and watchlists alike).
public struct SecurityJSON: ResponseEncodable, Decodable, Sendable, Equatable {
    public var id: Int64
    public var ticker: String
    public var name: String
    public var exchange: String
    /// The last price as an exact decimal, `null` until the first poll.
    public var lastPrice: Price?
    public var priceTime: Date?
    /// The quote (SPEC, "Quotes"), `null` while there is no price.
    public var quote: Quote?
    public var country: String?
    public var currency: String?
    public var isETF: Bool
    /// How a search result matched (absent in watchlists).
    public var match: Match?

    /// Which field matched and where, for highlighting.
    public struct Match: Codable, Sendable, Equatable {
        /// `isin`, `cusip`, `exact_ticker`, `exact_name`, `initialism`, `ticker_prefix`, `name_prefix`,
        /// `word_prefix`, `fuzzy` or `partial` (`docs/search.md`).
        public var kind: String
        /// `ticker`, `name`, `alias`, `isin` or `cusip`.
        public var field: String
        /// The text that matched (the ticker, the name or the alias).
        public var text: String
        /// Matched character ranges in `text`, as `[start, end)` pairs of Character offsets.
        public var ranges: [[Int]]

        public init(kind: String, field: String, text: String, ranges: [[Int]]) {
            self.kind = kind
            self.field = field
            self.text = text
            self.ranges = ranges
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, ticker, name, exchange, country, currency, match, quote
        case lastPrice = "last_price"
        case priceTime = "price_time"
        case isETF = "etf"
    }

    /// The security as stored, with its `latest` quote (the hub's) where there is one, else the stored one. A
    /// latest price that differs from the stored one comes without `price_time` (the hub keeps prices, not their
    /// times).
    public init(_ security: Security, latest: Quote? = nil, match: Match? = nil) {
        id = security.id
        ticker = security.ticker
        name = security.name
        exchange = security.exchange
        lastPrice = latest?.price ?? security.lastPrice
        priceTime = lastPrice == security.lastPrice ? security.priceTime : nil
        quote = latest ?? security.storedQuote
        country = security.country
        currency = security.currency
        isETF = security.isETF
        self.match = match
    }

    /// Writes `last_price: null` rather than leaving the key out, as clients expect the key.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ticker, forKey: .ticker)
        try container.encode(name, forKey: .name)
        try container.encode(exchange, forKey: .exchange)
        try container.encode(lastPrice, forKey: .lastPrice)
        try container.encodeIfPresent(priceTime, forKey: .priceTime)
        try container.encode(quote, forKey: .quote)
        try container.encodeIfPresent(country, forKey: .country)
        try container.encodeIfPresent(currency, forKey: .currency)
        try container.encode(isETF, forKey: .isETF)
        try container.encodeIfPresent(match, forKey: .match)
    }
}

extension Security {
    /// The quote as stored: the last price with the rest of the last quote (a listing's reference price and
    /// previous close until the first tick); `nil` without a price.
    var storedQuote: Quote? { lastPrice.map { Quote(price: $0, currency: currency, figures: quote) } }
}

extension PriceHub {
    /// The stored securities as the API answers them, each with its latest quote.
    func json(for securities: [Security]) -> [SecurityJSON] {
        zip(securities, latestQuotes(for: securities.map(\.id))).map { SecurityJSON($0, latest: $1) }
    }
}
