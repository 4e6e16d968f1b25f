/// The calendars of every exchange known here, built once, for looking up by a listing's exchange code.
///
/// Building lays out each calendar's years (a few tens of milliseconds for all of them); keep the value and
/// resolve each security's calendar once (a lookup normalizes the code), not on every tick.
public struct ExchangeCalendars: Sendable {
    private let byIdentifier: [String: ExchangeCalendar]
    private let fallback: ExchangeCalendar

    /// Every known calendar, with `years` laid out ahead.
    public init(years: ClosedRange<Int> = ExchangeCalendar.defaultYears()) {
        var calendars: [String: ExchangeCalendar] = [:]
        for rules in ExchangeDirectory.allRules where calendars[rules.identifier] == nil {
            calendars[rules.identifier] = ExchangeCalendar(rules: rules, years: years)
        }
        byIdentifier = calendars
        fallback = ExchangeCalendar(rules: ExchangeDirectory.weekdaysUTC, years: years)
    }

    /// The calendar of `exchange` (a listing's code or a MIC, in any case); `weekdays-utc` for an exchange
    /// with no calendar here (see `ExchangeCalendar.for(_:years:)`).
    public func calendar(for exchange: String) -> ExchangeCalendar {
        ExchangeDirectory.rules(for: exchange).flatMap { byIdentifier[$0.identifier] } ?? fallback
    }

    /// Whether `exchange` has a calendar of its own here (otherwise it gets the `weekdays-utc` fallback).
    public static func isKnown(_ exchange: String) -> Bool {
        ExchangeDirectory.rules(for: exchange) != nil
    }
}
