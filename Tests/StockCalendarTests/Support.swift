import Foundation
import StockCalendar

/// Test helpers that build instants with Foundation's own calendar, independently of StockCalendar's
/// offset arithmetic.
enum Wall {
    /// The instant of the wall-clock time `year-month-day hour:minute:second` in the time zone `zone`.
    static func time(
        _ zone: String, _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0
    ) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)!
    }

    /// The instant `year-month-day hour:minute` UTC.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        time("UTC", year, month, day, hour, minute)
    }
}

/// Wall-clock times in one time zone: `eastern(2026, 12, 3, 9, 30)`.
struct WallClock {
    let zone: String

    func callAsFunction(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        Wall.time(zone, year, month, day, hour, minute)
    }
}

extension ExchangeCalendar {
    /// The closed weekdays of `year` as `YYYY-MM-DD`.
    func closedDays(in year: Int) -> [String] { holidays(in: year).map(\.day.description) }

    /// The days of `year` whose regular session closes early, as `YYYY-MM-DD`.
    func earlyCloseDays(in year: Int) -> [String] {
        (1...366).map { CalendarDay(year, 1, $0) }.filter { $0.year == year }
            .compactMap { session(on: $0) }.filter(\.isEarlyClose).map(\.day.description)
    }

    /// The states just before and at `date`.
    func states(around date: Date) -> [MarketState] {
        [state(at: date.addingTimeInterval(-1)), state(at: date)]
    }
}
