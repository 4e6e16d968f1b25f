import Foundation
import StockModel
import StockQuotes

/// One message of the live-price WebSocket (`/ws/watchlist`).
public struct PriceMessage: Decodable, Sendable, Equatable {
    public enum Kind: String, Decodable, Sendable {
        /// Every price of the watchlist (on connect), or a price pushed outside a tick (a security just added).
        case snapshot
        /// The prices that changed in one tick.
        case prices
    }

    public var kind: Kind
    /// The deployment-wide tick number of the prices carried.
    public var seq: Int64
    /// When the prices were taken, if the server's time parsed.
    public var at: Date?
    /// Exact prices by ticker.
    public var prices: [String: Price]
    /// Quotes by ticker: whole in a snapshot, the changed fields in a `prices` message.
    public var quotes: [String: QuoteDelta]
    /// Tickers whose price the provider could not refresh for several polls.
    public var stale: [String]

    public init(
        kind: Kind, seq: Int64, at: Date?, prices: [String: Price], quotes: [String: QuoteDelta] = [:],
        stale: [String] = []
    ) {
        self.kind = kind
        self.seq = seq
        self.at = at
        self.prices = prices
        self.quotes = quotes
        self.stale = stale
    }

    enum CodingKeys: String, CodingKey { case type, seq, at, prices, quotes, stale }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .type)
        seq = try container.decode(Int64.self, forKey: .seq)
        at = try container.decodeIfPresent(String.self, forKey: .at).flatMap(ISO8601.date(from:))
        // A null price (never polled) carries nothing to show, so it is left out.
        prices = try container.decodeIfPresent([String: Price?].self, forKey: .prices)?.compactMapValues { $0 } ?? [:]
        quotes = try container.decodeIfPresent([String: QuoteDelta].self, forKey: .quotes) ?? [:]
        stale = try container.decodeIfPresent([String].self, forKey: .stale) ?? []
    }

    /// Decodes a text frame; `nil` for a message of another type (the contract lets the server add some).
    public static func decode(_ text: String) throws -> PriceMessage? {
        let data = Data(text.utf8)
        struct Envelope: Decodable { var type: String }
        let envelope = try JSONDecoder().decode(Envelope.self, from: data)
        guard Kind(rawValue: envelope.type) != nil else { return nil }
        return try JSONDecoder().decode(PriceMessage.self, from: data)
    }
}

/// ISO 8601 times with or without fractional seconds.
enum ISO8601 {
    static func date(from text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
