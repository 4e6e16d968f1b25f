import Foundation
import StockModel
import StockQuotes

/// The JSON of Alpaca's multi-symbol snapshots, `GET /v2/stocks/snapshots?symbols=AAPL,MSFT&feed=iex`: an object
/// keyed by symbol, `{"AAPL": {"latestTrade": {"t": "2026-12-03T15:04:05.123456789Z", "p": 187.12}, "minuteBar":
/// {...}, "dailyBar": {"t": ..., "o": ..., "h": ..., "l": ..., "c": ..., "v": ...}, "prevDailyBar": {...}}, "XYZ":
/// null}`.
///
/// Decoding is lenient per symbol: one malformed or `null` entry is dropped, not the whole answer.
enum AlpacaSnapshotPayload {
    /// The quotes of a snapshots answer's bytes, by symbol: a pure function of the bytes, which never traps.
    /// Throws `.malformed` for an answer that is not a JSON object.
    static func quotes(from bytes: Data) throws(QuoteProviderError) -> [String: ProviderQuote] {
        let entries: [String: Lenient<AlpacaSnapshot>]
        do {
            entries = try JSONDecoder().decode([String: Lenient<AlpacaSnapshot>].self, from: bytes)
        } catch {
            throw .malformed("the answer is not Alpaca snapshots JSON")
        }
        var quotes = [String: ProviderQuote](minimumCapacity: entries.count)
        for (symbol, entry) in entries {
            if let quote = entry.value?.quote { quotes[symbol] = quote }
        }
        return quotes
    }
}

/// One symbol's snapshot; every part is optional and lenient, because real answers leave them out or `null`.
struct AlpacaSnapshot: Decodable {
    var latestTrade: Lenient<Trade>?
    var minuteBar: Lenient<Bar>?
    var dailyBar: Lenient<Bar>?
    var prevDailyBar: Lenient<Bar>?

    struct Trade: Decodable {
        var t: Lenient<String>?
        var p: Lenient<Double>?
    }

    /// A bar: its start time (RFC 3339), high, low, close and volume (in shares).
    struct Bar: Decodable {
        var t: Lenient<String>?
        var h: Lenient<Double>?
        var l: Lenient<Double>?
        var c: Lenient<Double>?
        var v: Lenient<Double>?
    }

    /// A daily bar starts at midnight New York; a trade this long after its start is on a later day (the day's
    /// last trade is at most 20 hours in, the next day's first at least 27).
    static let dayLength: TimeInterval = 24 * 3600

    /// The snapshot's quote: the latest trade's price, else the minute bar's close, else the daily bar's; the
    /// previous daily bar's close; the daily bar's range and volume; the latest trade's time (else the minute
    /// bar's). When the latest trade is on a later day than the daily bar (before the day's bar exists), the daily
    /// bar is the previous day: its close is the previous close and the day has no range or volume yet.
    /// `nil` for a snapshot with no valid price, or whose volume or time cannot be (negative, not finite, past
    /// `ProviderFigures.maxVolume`, or a time outside 1970-2200). Zeros are unknown, as in every provider.
    var quote: ProviderQuote? {
        let trade = latestTrade?.value, minute = minuteBar?.value, daily = dailyBar?.value
        let tradeTime = AlpacaTime(trade?.t?.value), minuteTime = AlpacaTime(minute?.t?.value)
        let dayStart = AlpacaTime(daily?.t?.value)
        guard tradeTime != .absurd, minuteTime != .absurd, dayStart != .absurd,
              let price = ProviderFigures.validPrice(trade?.p?.value) ?? ProviderFigures.validPrice(minute?.c?.value)
                ?? ProviderFigures.validPrice(daily?.c?.value)
        else { return nil }
        let asOf = tradeTime.date ?? minuteTime.date
        if let asOf, let start = dayStart.date, asOf.timeIntervalSince(start) >= Self.dayLength {
            return ProviderQuote(price: price, previousClose: ProviderFigures.validPrice(daily?.c?.value), asOf: asOf)
        }
        let volume = daily?.v?.value
        guard ProviderFigures.isPlausible(volume, max: ProviderFigures.maxVolume) else { return nil }
        let range = ProviderFigures.dayRange(high: daily?.h?.value, low: daily?.l?.value)
        return ProviderQuote(
            price: price, previousClose: ProviderFigures.validPrice(prevDailyBar?.value?.c?.value),
            dayHigh: range.high, dayLow: range.low, dayVolume: volume.map { Int64($0.rounded()) }, asOf: asOf)
    }
}

/// One of Alpaca's RFC 3339 times with up to nanoseconds (`2026-12-03T15:04:05.123456789Z`, or with an offset).
enum AlpacaTime: Equatable {
    /// No time, or one that is no RFC 3339 text: the time is unknown.
    case unknown
    /// A time in 1970-2200.
    case valid(Date)
    /// A time outside 1970-2200: the quote is bad.
    case absurd

    /// The latest time believed: the year 2200.
    static let latest = Date(timeIntervalSince1970: 7.26e9)

    init(_ text: String?) {
        guard let text, text.utf8.count <= 40 else { self = .unknown; return }
        var whole = Substring(text)
        var fraction = 0.0
        if let dot = whole.firstIndex(of: ".") {
            let digits = whole[whole.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Double("0." + digits) else { self = .unknown; return }
            fraction = value
            whole = whole[..<dot] + whole[digits.endIndex...]
        }
        guard let date = try? Date(String(whole), strategy: .iso8601) else { self = .unknown; return }
        let time = date.addingTimeInterval(fraction)
        self = time.timeIntervalSince1970 >= 0 && time <= Self.latest ? .valid(time) : .absurd
    }

    var date: Date? {
        if case .valid(let date) = self { date } else { nil }
    }
}
