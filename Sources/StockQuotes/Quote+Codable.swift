import Foundation
import StockModel

/// A quote as JSON, SPEC's `quote` object: `{"price", "previous_close", "change", "change_percent", "day_high",
/// "day_low", "volume", "currency", "market_state", "as_of"}`, every key written (an unknown field as `null`),
/// prices and percentages as exact decimals, `as_of` in ISO 8601 to the second (as `JSONCursor.writeQuote` writes
/// it). Decoding reads the fields the quote is made of and derives `change` and `change_percent` again; an
/// unknown `market_state` is read as unknown.
extension Quote: Codable {
    enum CodingKeys: String, CodingKey {
        case price, change, volume, currency
        case previousClose = "previous_close"
        case changePercent = "change_percent"
        case dayHigh = "day_high"
        case dayLow = "day_low"
        case marketState = "market_state"
        case asOf = "as_of"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(price, forKey: .price)
        try container.encode(previousClose, forKey: .previousClose)
        try container.encode(change.map { Percent(tenThousandths: $0.tenThousandths) }, forKey: .change)
        try container.encode(changePercent, forKey: .changePercent)
        try container.encode(dayHigh, forKey: .dayHigh)
        try container.encode(dayLow, forKey: .dayLow)
        try container.encode(volume, forKey: .volume)
        try container.encode(currency, forKey: .currency)
        try container.encode(marketState?.rawValue, forKey: .marketState)
        try container.encode(asOf.map(Self.iso8601), forKey: .asOf)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            price: try container.decode(Price.self, forKey: .price),
            previousClose: try container.decodeIfPresent(Price.self, forKey: .previousClose),
            dayHigh: try container.decodeIfPresent(Price.self, forKey: .dayHigh),
            dayLow: try container.decodeIfPresent(Price.self, forKey: .dayLow),
            volume: try container.decodeIfPresent(Int64.self, forKey: .volume),
            currency: try container.decodeIfPresent(String.self, forKey: .currency),
            marketState: try container.decodeIfPresent(String.self, forKey: .marketState)
                .flatMap(MarketState.init(rawValue:)),
            asOf: try container.decodeIfPresent(String.self, forKey: .asOf).flatMap(Self.date(iso8601:)))
    }

    /// `2026-08-21T14:30:00Z`: whole seconds, UTC.
    static func iso8601(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            .formatted(Date.ISO8601FormatStyle())
    }

    /// An ISO 8601 time with or without fractional seconds.
    static func date(iso8601 text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
