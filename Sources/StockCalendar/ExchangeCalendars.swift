/// The calendars of every exchange known here, built once, for looking up by a listing's exchange code.
///
/// Building lays out each calendar's years (a few tens of milliseconds for all of them); keep the value and
/// resolve each security's calendar once, not on every tick.
public struct ExchangeCalendars: Sendable {
    /// Every code and MIC of `ExchangeDirectory`, with one calendar shared by the codes of one exchange.
    private let byCode: [String: ExchangeCalendar]
    private let fallback: ExchangeCalendar

    /// Every known calendar, with `years` laid out ahead.
    public init(years: ClosedRange<Int> = ExchangeCalendar.defaultYears()) {
        var byIdentifier: [String: ExchangeCalendar] = [:]
        byCode = ExchangeDirectory.byCode.mapValues { rules in
            if let calendar = byIdentifier[rules.identifier] { return calendar }
            let calendar = ExchangeCalendar(rules: rules, years: years)
            byIdentifier[rules.identifier] = calendar
            return calendar
        }
        fallback = ExchangeCalendar(rules: ExchangeDirectory.weekdaysUTC, years: years)
    }

    /// The calendar of `exchange` (a listing's code or a MIC, in any case); `weekdays-utc` for an exchange
    /// with no calendar here (see `ExchangeCalendar.for(_:years:)`).
    public func calendar(for exchange: String) -> ExchangeCalendar {
        ExchangeDirectory.lookUp(exchange, in: byCode) ?? fallback
    }

    /// Whether `exchange` has a calendar of its own here (otherwise it gets the `weekdays-utc` fallback).
    public static func isKnown(_ exchange: String) -> Bool {
        ExchangeDirectory.rules(for: exchange) != nil
    }
}
