import Foundation
import StockModel

/// The JSON of the Massive (formerly Polygon.io) full-market snapshot,
/// `GET /v2/snapshot/locale/us/markets/stocks/tickers`: `{"status": "OK", "tickers": [{"ticker": "AAPL",
/// "lastTrade": {"p": 187.12}, "day": {"c": ...}, "prevDay": {"c": ...}, "updated": ...}]}`.
///
/// Decoding is lenient per ticker: one malformed entry is dropped, not the whole answer.
struct SnapshotPayload: Decodable {
    var status: String?
    var tickers: [Lenient<SnapshotTicker>]?

    /// The usable price of each ticker: the last trade, else today's close so far; entries with no positive,
    /// finite price within `SnapshotTicker.maxPrice`, or with an impossible volume or time, are left out.
    func prices() -> [String: Price] {
        var prices = [String: Price]()
        for entry in tickers ?? [] {
            guard let ticker = entry.value, let symbol = ticker.ticker, let price = ticker.bestPrice else { continue }
            prices[symbol] = price
        }
        return prices
    }
}

/// One entry of the snapshot; every field is optional because real answers leave them out.
struct SnapshotTicker: Decodable {
    var ticker: String?
    var lastTrade: Trade?
    var day: Bar?
    /// When the provider last updated the entry, in nanoseconds since 1970.
    var updated: Lenient<Double>?

    /// The highest price taken from a provider (no listed share trades near it; past it, the quote is bad).
    static let maxPrice = 1_000_000_000.0
    /// The highest day volume a plausible quote carries (a thousand times the busiest US trading day).
    static let maxVolume = 1e13
    /// The latest `updated` a plausible quote carries: the year 2200, in nanoseconds since 1970.
    static let maxUpdated = 7.26e18

    struct Trade: Decodable {
        var p: Lenient<Double>?
    }

    struct Bar: Decodable {
        var c: Lenient<Double>?
        /// The day's volume in shares.
        var v: Lenient<Double>?
    }

    /// The last trade's price when it is a positive, finite number, else today's close when it is; `nil` for an
    /// entry whose volume or time cannot be (negative, non-finite, past `maxVolume` or `maxUpdated`).
    var bestPrice: Price? {
        guard Self.isPlausible(day?.v?.value, max: Self.maxVolume),
              Self.isPlausible(updated?.value, max: Self.maxUpdated)
        else { return nil }
        return Self.validPrice(lastTrade?.p?.value) ?? Self.validPrice(day?.c?.value)
    }

    static func validPrice(_ value: Double?) -> Price? {
        guard let value, value.isFinite, value > 0, value <= maxPrice, let price = Price(rounding: value),
              price.tenThousandths > 0
        else { return nil }
        return price
    }

    /// Whether an optional number the entry carries is absent, or finite within `0...max`.
    static func isPlausible(_ value: Double?, max: Double) -> Bool {
        guard let value else { return true }
        return value.isFinite && value >= 0 && value <= max
    }
}

/// A value that decodes to `nil` instead of failing when its JSON has the wrong shape.
struct Lenient<Value: Decodable>: Decodable {
    var value: Value?

    init(from decoder: Decoder) throws {
        value = try? Value(from: decoder)
    }
}
