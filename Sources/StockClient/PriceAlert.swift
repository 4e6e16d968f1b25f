import Foundation
import StockModel
import StockQuotes

/// A price alert (`GET /user/alerts`, and the `alert` socket message once it fired).
public struct PriceAlert: Decodable, Sendable, Equatable, Identifiable {
    /// What an alert waits for: the price, or the change since the previous close in percent, above or below
    /// the value.
    public enum Condition: String, Decodable, Sendable, CaseIterable {
        case priceAbove = "price_above"
        case priceBelow = "price_below"
        case changePercentAbove = "change_percent_above"
        case changePercentBelow = "change_percent_below"

        /// Whether the value is a price (else a percent).
        public var isPrice: Bool { self == .priceAbove || self == .priceBelow }

        /// "price above", "change % below", ...
        public var label: String {
            switch self {
            case .priceAbove: "price above"
            case .priceBelow: "price below"
            case .changePercentAbove: "change % above"
            case .changePercentBelow: "change % below"
            }
        }
    }

    public var id: Int64
    public var securityID: Int64
    public var ticker: String
    public var condition: Condition
    /// The threshold, exact to four fractional digits: a price, or a percent for the change conditions.
    public var value: Percent
    public var createdAt: Date?
    /// When it fired; `nil` while it waits.
    public var triggeredAt: Date?
    /// The price it fired at; `nil` while it waits.
    public var price: Price?

    public init(
        id: Int64, securityID: Int64, ticker: String, condition: Condition, value: Percent, createdAt: Date? = nil,
        triggeredAt: Date? = nil, price: Price? = nil
    ) {
        self.id = id
        self.securityID = securityID
        self.ticker = ticker
        self.condition = condition
        self.value = value
        self.createdAt = createdAt
        self.triggeredAt = triggeredAt
        self.price = price
    }

    /// Whether it fired already (it never fires again).
    public var fired: Bool { triggeredAt != nil }

    enum CodingKeys: String, CodingKey {
        case id, ticker, condition, value, price
        case securityID = "security_id"
        case createdAt = "created_at"
        case triggeredAt = "triggered_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        securityID = try container.decode(Int64.self, forKey: .securityID)
        ticker = try container.decode(String.self, forKey: .ticker)
        condition = try container.decode(Condition.self, forKey: .condition)
        value = try container.decode(Percent.self, forKey: .value)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt).flatMap(ISO8601.date(from:))
        triggeredAt = try container.decodeIfPresent(String.self, forKey: .triggeredAt).flatMap(ISO8601.date(from:))
        price = try container.decodeIfPresent(Price.self, forKey: .price)
    }
}
