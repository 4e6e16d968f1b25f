import Testing
@testable import StockCalendar

@Suite("Days and the rules that name them")
struct CalendarDayTests {
    @Test("day numbers and weekdays round-trip across leap years and centuries")
    func dayNumbers() {
        #expect(CalendarDay(1970, 1, 1).daysSince1970 == 0)
        #expect(CalendarDay(2000, 3, 1).daysSince1970 == 11_017)
        #expect(CalendarDay(1969, 12, 31).daysSince1970 == -1)
        #expect(CalendarDay(2026, 12, 3).weekday == .thursday)
        #expect(CalendarDay(2028, 2, 29).weekday == .tuesday)
        #expect(CalendarDay(2027, 2, 29) == CalendarDay(2027, 3, 1))
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDay(daysSince1970: days).daysSince1970 == days)
        }
        #expect(CalendarDay(2026, 1, 9).description == "2026-01-09")
        #expect(CalendarDay(2026, 12, 31) < CalendarDay(2027, 1, 1))
    }

    @Test(
        "Easter Sunday by the computus matches the published dates",
        arguments: [
            (1818, 3, 22), (1943, 4, 25), (1961, 4, 2), (2000, 4, 23), (2008, 3, 23), (2011, 4, 24),
            (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2028, 4, 16),
            (2029, 4, 1), (2030, 4, 21), (2038, 4, 25), (2285, 3, 22),
        ])
    func easter(year: Int, month: Int, day: Int) {
        #expect(DayRule.easterSunday(year) == CalendarDay(year, month, day))
    }

    @Test("Japan's equinox days by the formula match the Gazette's dates")
    func equinoxes() {
        let published: [(Int, vernal: Int, autumnal: Int)] = [
            (2023, 21, 23), (2024, 20, 22), (2025, 20, 23), (2026, 20, 23), (2027, 21, 23), (2028, 20, 22),
        ]
        for (year, vernal, autumnal) in published {
            #expect(DayRule.vernalEquinox.day(in: year) == CalendarDay(year, 3, vernal))
            #expect(DayRule.autumnalEquinox.day(in: year) == CalendarDay(year, 9, autumnal))
        }
    }

    @Test("nth and last weekdays, a weekday on or after a date, the last weekday on or before one")
    func weekdayRules() {
        #expect(DayRule.nthWeekday(nth: 3, .monday, month: 1).day(in: 2026) == CalendarDay(2026, 1, 19))
        #expect(DayRule.nthWeekday(nth: 4, .thursday, month: 11).day(in: 2027) == CalendarDay(2027, 11, 25))
        #expect(DayRule.nthWeekday(nth: -1, .monday, month: 5).day(in: 2026) == CalendarDay(2026, 5, 25))
        #expect(DayRule.nthWeekday(nth: -1, .monday, month: 12).day(in: 2026) == CalendarDay(2026, 12, 28))
        #expect(DayRule.weekday(.friday, onOrAfterMonth: 6, day: 19).day(in: 2026) == CalendarDay(2026, 6, 19))
        #expect(DayRule.weekday(.friday, onOrAfterMonth: 6, day: 19).day(in: 2027) == CalendarDay(2027, 6, 25))
        #expect(DayRule.weekdayOnOrBefore(month: 12, day: 24).day(in: 2022) == CalendarDay(2022, 12, 23))
        #expect(DayRule.weekdayOnOrBefore(month: 12, day: 24).day(in: 2023) == CalendarDay(2023, 12, 22))
        #expect(DayRule.weekdayOnOrBefore(month: 12, day: 24).day(in: 2026) == CalendarDay(2026, 12, 24))
    }
}
