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
    /// finite price are left out.
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

    struct Trade: Decodable {
        var p: Lenient<Double>?
    }

    struct Bar: Decodable {
        var c: Lenient<Double>?
    }

    /// The last trade's price when it is a positive, finite number, else today's close when it is.
    var bestPrice: Price? {
        Self.validPrice(lastTrade?.p?.value) ?? Self.validPrice(day?.c?.value)
    }

    static func validPrice(_ value: Double?) -> Price? {
        guard let value, value.isFinite, value > 0, let price = Price(rounding: value), price.tenThousandths > 0
        else { return nil }
        return price
    }
}

/// A value that decodes to `nil` instead of failing when its JSON has the wrong shape.
struct Lenient<Value: Decodable>: Decodable {
    var value: Value?

    init(from decoder: Decoder) throws {
        value = try? Value(from: decoder)
    }
}
