import Foundation
import StockModel
import StockQuotes

/// The JSON of the Massive (formerly Polygon.io) full-market snapshot,
/// `GET /v2/snapshot/locale/us/markets/stocks/tickers`: `{"status": "OK", "tickers": [{"ticker": "AAPL",
/// "lastTrade": {"p": 187.12}, "day": {"h": ..., "l": ..., "c": ..., "v": ...}, "prevDay": {"c": ...},
/// "updated": ...}]}`.
///
/// Decoding is lenient per ticker: one malformed entry is dropped, not the whole answer.
struct SnapshotPayload: Decodable {
    var status: String?
    var tickers: [Lenient<SnapshotTicker>]?

    /// The quotes of a snapshot answer's bytes, by ticker: a pure function of the bytes (the provider's and a fuzz
    /// target's), which never traps. Throws `.malformed` for an answer that is no snapshot JSON, whose status is
    /// neither `OK` nor `DELAYED`, or that has no `tickers`.
    static func quotes(from bytes: Data) throws(QuoteProviderError) -> [String: ProviderQuote] {
        let payload: SnapshotPayload
        do {
            payload = try JSONDecoder().decode(SnapshotPayload.self, from: bytes)
        } catch {
            throw .malformed("the answer is not snapshot JSON")
        }
        guard payload.status == nil || payload.status == "OK" || payload.status == "DELAYED" else {
            throw .malformed("status \(payload.status ?? "")")
        }
        guard let tickers = payload.tickers else { throw .malformed("no tickers in the answer") }
        var quotes = [String: ProviderQuote]()
        for entry in tickers {
            guard let ticker = entry.value, let symbol = ticker.ticker, let quote = ticker.quote else { continue }
            quotes[symbol] = quote
        }
        return quotes
    }
}

/// One entry of the snapshot; every field is optional because real answers leave them out.
struct SnapshotTicker: Decodable {
    var ticker: String?
    var lastTrade: Trade?
    /// Today's and the previous day's bars; a bar of the wrong shape is left out, not the entry.
    var day: Lenient<Bar>?
    var prevDay: Lenient<Bar>?
    /// When the provider last updated the entry, in nanoseconds since 1970.
    var updated: Lenient<Double>?

    /// The latest `updated` a plausible quote carries: the year 2200, in nanoseconds since 1970.
    static let maxUpdated = 7.26e18

    struct Trade: Decodable {
        var p: Lenient<Double>?
    }

    /// A day's bar: high, low, close and volume (in shares).
    struct Bar: Decodable {
        var h: Lenient<Double>?
        var l: Lenient<Double>?
        var c: Lenient<Double>?
        var v: Lenient<Double>?
    }

    /// The entry's quote: the last trade's price when it is a positive, finite number, else today's close when it
    /// is; the previous day's close, today's range and volume, and `updated` as its time, where they are valid.
    /// `nil` for an entry with no valid price, or whose volume or time cannot be (negative, non-finite, past
    /// `maxVolume` or `maxUpdated`). Every number is checked against its range before it is converted, so none
    /// can trap. A day range whose high is below its low is left out; a zero figure (the provider's "none yet")
    /// is unknown.
    var quote: ProviderQuote? {
        let day = day?.value
        let volume = day?.v?.value
        let time = updated?.value
        guard ProviderFigures.isPlausible(volume, max: ProviderFigures.maxVolume),
              ProviderFigures.isPlausible(time, max: Self.maxUpdated),
              let price = ProviderFigures.validPrice(lastTrade?.p?.value) ?? ProviderFigures.validPrice(day?.c?.value)
        else { return nil }
        let range = ProviderFigures.dayRange(high: day?.h?.value, low: day?.l?.value)
        return ProviderQuote(
            price: price, previousClose: ProviderFigures.validPrice(prevDay?.value?.c?.value), dayHigh: range.high,
            dayLow: range.low,
            dayVolume: volume.map { Int64($0.rounded()) },
            asOf: time.flatMap { $0 > 0 ? Date(timeIntervalSince1970: $0 / 1e9) : nil })
    }
}

/// A value that decodes to `nil` instead of failing when its JSON has the wrong shape.
struct Lenient<Value: Decodable>: Decodable {
    var value: Value?

    init(from decoder: Decoder) throws {
        value = try? Value(from: decoder)
    }
}
