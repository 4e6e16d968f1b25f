import Foundation

/// What an exchange calendar is made of: a time zone, daily hours and holiday rules.
struct ExchangeRules: Sendable {
    /// The exchange's MIC (`XNYS`), or the name of a synthetic calendar (`always-open`).
    let identifier: String
    let timeZone: TimeZone
    let hours: SessionHours
    let holidays: HolidayCalendar
    var tradesOnWeekends = false

    /// The time zone `identifier` from the system's tz database.
    static func zone(_ identifier: String) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else {
            preconditionFailure("time zone \(identifier) is missing from this system's tz database")
        }
        return zone
    }
}

/// The trading sessions of some whole years, laid out for searching by time.
final class Schedule: Sendable {
    /// The sessions in time order.
    let sessions: [TradingSession]
    /// Where the state changes, in seconds since the reference date, ascending...
    private let transitionTimes: [TimeInterval]
    /// ...and the state from each change until the next.
    private let transitionStates: [MarketState]
    /// From local midnight of the first year's January 1 to that of the year after the last.
    private let coverage: Range<TimeInterval>

    init(rules: ExchangeRules, years: ClosedRange<Int>) {
        var sessions: [TradingSession] = []
        sessions.reserveCapacity(years.count * 262)
        for year in years {
            let closed = Set(rules.holidays.closedWeekdays(in: year).map(\.day))
            var earlyCloses: [CalendarDay: EarlyCloseRule] = [:]
            for rule in rules.holidays.earlyCloses {
                earlyCloses[rule.day.day(in: year)] = rule
            }
            var day = CalendarDay(year, 1, 1)
            while day.year == year {
                if (rules.tradesOnWeekends || !day.isWeekend) && !closed.contains(day) {
                    sessions.append(Self.session(on: day, earlyClose: earlyCloses[day], rules: rules))
                }
                day = day.adding(days: 1)
            }
        }
        var times: [TimeInterval] = [], states: [MarketState] = []
        times.reserveCapacity(sessions.count * 8)
        states.reserveCapacity(sessions.count * 8)
        for period in sessions.lazy.flatMap(\.periods) {
            let start = period.start.timeIntervalSinceReferenceDate
            if times.last == start {
                states[states.count - 1] = period.state
            } else {
                times.append(start)
                states.append(period.state)
            }
            times.append(period.end.timeIntervalSinceReferenceDate)
            states.append(.closed)
        }
        self.sessions = sessions
        transitionTimes = times
        transitionStates = states
        coverage = Self.instant(CalendarDay(years.lowerBound, 1, 1), minutes: 0, in: rules.timeZone)
            .timeIntervalSinceReferenceDate
            ..< Self.instant(CalendarDay(years.upperBound + 1, 1, 1), minutes: 0, in: rules.timeZone)
            .timeIntervalSinceReferenceDate
    }

    /// The state at `date`, or nil outside the years laid out.
    func state(at date: Date) -> MarketState? {
        let time = date.timeIntervalSinceReferenceDate
        guard coverage.contains(time) else { return nil }
        let next = Self.firstIndex(in: transitionTimes.count) { transitionTimes[$0] > time }
        return next == 0 ? .closed : transitionStates[next - 1]
    }

    /// The session that has opened by `date` (in progress or over), or nil where that is not known here.
    func lastSession(at date: Date) -> TradingSession? {
        guard date.timeIntervalSinceReferenceDate < coverage.upperBound else { return nil }
        let next = Self.firstIndex(in: sessions.count) { sessions[$0].opens > date }
        return next == 0 ? nil : sessions[next - 1]
    }

    /// Whether `date` falls within the years laid out.
    func covers(_ date: Date) -> Bool { coverage.contains(date.timeIntervalSinceReferenceDate) }

    /// The first session whose `key` is after `date`, or nil where that is not known here.
    func firstSession(after date: Date, by key: (TradingSession) -> Date) -> TradingSession? {
        guard date.timeIntervalSinceReferenceDate >= coverage.lowerBound else { return nil }
        let index = Self.firstIndex(in: sessions.count) { key(sessions[$0]) > date }
        return index == sessions.count ? nil : sessions[index]
    }

    /// The session on `day`, a day of the years laid out; nil for a closed day.
    func session(on day: CalendarDay) -> TradingSession? {
        let index = Self.firstIndex(in: sessions.count) { sessions[$0].day >= day }
        return index < sessions.count && sessions[index].day == day ? sessions[index] : nil
    }

    /// The first index in `0..<count` where `isAfter` holds (it must be false, then true); `count` if none.
    private static func firstIndex(in count: Int, where isAfter: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func session(on day: CalendarDay, earlyClose: EarlyCloseRule?, rules: ExchangeRules)
        -> TradingSession
    {
        let hours = earlyClose.map(rules.hours.closingEarly) ?? rules.hours
        let offset = utcOffset(on: day, in: rules.timeZone)
        let periods = hours.periods.map { state, minutes in
            SessionPeriod(
                state: state, start: instant(day, minutes: minutes.lowerBound, offset: offset),
                end: instant(day, minutes: minutes.upperBound, offset: offset))
        }
        return TradingSession(day: day, periods: periods, isEarlyClose: earlyClose != nil)
    }

    /// The zone's offset from UTC at local noon of `day`. Every exchange here changes its clocks (if at all)
    /// between 01:00 and 03:00 local time, before its first session, so noon's offset holds for the whole
    /// trading day.
    private static func utcOffset(on day: CalendarDay, in zone: TimeZone) -> Int {
        let noonAsUTC = Date(timeIntervalSince1970: TimeInterval(day.daysSince1970 * 86_400 + 12 * 3_600))
        let noon = noonAsUTC.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: noonAsUTC)))
        return zone.secondsFromGMT(for: noon)
    }

    private static func instant(_ day: CalendarDay, minutes: Int, in zone: TimeZone) -> Date {
        instant(day, minutes: minutes, offset: utcOffset(on: day, in: zone))
    }

    private static func instant(_ day: CalendarDay, minutes: Int, offset: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.daysSince1970 * 86_400 + minutes * 60 - offset))
    }
}
