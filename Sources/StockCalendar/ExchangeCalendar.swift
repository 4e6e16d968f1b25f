import Foundation

/// An exchange's trading calendar: time zone, pre / regular / post sessions, weekends, holidays and early
/// closes, with the sessions of a few years laid out ahead so that `state(at:)` is a binary search.
///
/// Build one per exchange (see `ExchangeCalendars` for a whole listing) and keep it: building lays out
/// every session of its years (under a millisecond a year). Outside those years every answer is still right,
/// but each call lays out the years around the date it is asked about.
public struct ExchangeCalendar: Sendable {
    /// The rules and the laid-out years behind one reference, so that a copy costs one retain.
    private final class Storage: Sendable {
        let rules: ExchangeRules
        let schedule: Schedule
        let years: ClosedRange<Int>

        init(rules: ExchangeRules, years: ClosedRange<Int>) {
            self.rules = rules
            self.years = years
            schedule = Schedule(rules: rules, years: years)
        }
    }

    private let storage: Storage

    init(rules: ExchangeRules, years: ClosedRange<Int>) {
        storage = Storage(rules: rules, years: years)
    }

    var rules: ExchangeRules { storage.rules }
    private var schedule: Schedule { storage.schedule }
    /// The years whose sessions are laid out ahead.
    public var years: ClosedRange<Int> { storage.years }

    /// The exchange's ISO 10383 MIC (`XNYS` for every US equity exchange, `XTKS`, `XETR`, ...), or
    /// `always-open` / `weekdays-utc` for the calendars that are not an exchange's.
    public var identifier: String { rules.identifier }

    /// The exchange's time zone, in which its hours and `CalendarDay`s are given.
    public var timeZone: TimeZone { rules.timeZone }

    /// The calendar of the exchange a listing names: a listing's code (`NASDAQ`, `NYSE Arca`, `JPX`, `GER`,
    /// `PAR`, `EBS`, ...) or a MIC, in any case. An exchange with no calendar here gets `weekdays-utc`:
    /// regular all day on Monday to Friday (UTC), closed on weekends; see `ExchangeCalendars.isKnown(_:)`.
    public static func `for`(_ exchange: String, years: ClosedRange<Int> = defaultYears()) -> ExchangeCalendar {
        ExchangeCalendar(rules: ExchangeDirectory.rules(for: exchange) ?? ExchangeDirectory.weekdaysUTC, years: years)
    }

    /// The simulated market's default (`--simulated-calendar always-open`): `regular` at every moment; its
    /// trading days are UTC days, so a day's regular close (the previous close's rollover) is UTC midnight.
    public static func alwaysOpen(years: ClosedRange<Int> = defaultYears()) -> ExchangeCalendar {
        ExchangeCalendar(rules: ExchangeDirectory.alwaysOpen, years: years)
    }

    /// The year before `date`'s (UTC) year to the year after it.
    public static func defaultYears(around date: Date = Date()) -> ClosedRange<Int> {
        let year = utcDay(of: date).year
        return year - 1...year + 1
    }

    /// `pre`, `regular`, `post` or `closed` at `date`.
    public func state(at date: Date) -> MarketState {
        // A schedule laid out around `date` covers it.
        schedule.state(at: date) ?? schedule(around: date).state(at: date)!
    }

    /// The trading day whose sessions span `date` (from its first open to its last close), or nil when the
    /// exchange is closed for the night, the weekend or a holiday. Tokyo's lunch break is inside its day.
    public func session(containing date: Date) -> TradingSession? {
        let schedule = schedule.covers(date) ? schedule : schedule(around: date)
        return schedule.lastSession(at: date).flatMap { date < $0.closes ? $0 : nil }
    }

    /// The current or last trading day at `date`: the last session that has opened by `date`. Its
    /// `regularClose` is when its closing price is set and becomes the previous close.
    public func lastSession(at date: Date) -> TradingSession {
        // Every calendar trades within any two years, so a schedule laid out around `date` has one.
        schedule.lastSession(at: date) ?? schedule(around: date).lastSession(at: date)!
    }

    /// The first trading day that opens (pre-market where there is one) after `date`.
    public func nextSession(after date: Date) -> TradingSession {
        schedule.firstSession(after: date, by: \.opens)
            ?? schedule(around: date).firstSession(after: date, by: \.opens)!
    }

    /// The next regular open after `date`: the start of the next trading day's regular session (the end of a
    /// lunch break is not an open).
    public func nextOpen(after date: Date) -> Date {
        (schedule.firstSession(after: date, by: \.regularOpen)
            ?? schedule(around: date).firstSession(after: date, by: \.regularOpen)!).regularOpen
    }

    /// The trading day on the exchange-local `day`, or nil when the exchange is closed that day.
    public func session(on day: CalendarDay) -> TradingSession? {
        let schedule = years.contains(day.year) ? schedule : Schedule(rules: rules, years: day.year...day.year)
        return schedule.session(on: day)
    }

    /// The weekdays of `year` on which the exchange is closed, with their names, in date order.
    public func holidays(in year: Int) -> [Holiday] {
        rules.holidays.closedWeekdays(in: year)
    }

    /// The exchange-local day at `date`.
    public func day(at date: Date) -> CalendarDay {
        Self.utcDay(of: date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date))))
    }

    private static func utcDay(of date: Date) -> CalendarDay {
        CalendarDay(daysSince1970: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    private func schedule(around date: Date) -> Schedule {
        let year = Self.utcDay(of: date).year
        return Schedule(rules: rules, years: year - 1...year + 1)
    }
}
