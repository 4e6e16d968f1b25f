import Foundation
import Testing
import StockCalendar

@Suite("Tokyo Stock Exchange")
struct TokyoTests {
    let tokyo = ExchangeCalendar.for("JPX", years: 2026...2027)
    let jst = WallClock(zone: "Asia/Tokyo")

    @Test("JPX's market holidays of 2026: substitute holiday May 6, Citizens' Holiday September 22")
    func holidays2026() {
        #expect(
            tokyo.closedDays(in: 2026) == [
                "2026-01-01", "2026-01-02", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29",
                "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11", "2026-09-21", "2026-09-22",
                "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23", "2026-12-31",
            ])
        let names = Dictionary(uniqueKeysWithValues: tokyo.holidays(in: 2026).map { ($0.day.description, $0.name) })
        #expect(names["2026-05-06"] == "Constitution Memorial Day (observed)")
        #expect(names["2026-09-22"] == "Citizens' Holiday")
        #expect(names["2026-12-31"] == "Year-end closure")
    }

    @Test("JPX's market holidays of 2027: the Sunday equinox moves to Monday March 22")
    func holidays2027() {
        #expect(
            tokyo.closedDays(in: 2027) == [
                "2027-01-01", "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-22", "2027-04-29", "2027-05-03",
                "2027-05-04", "2027-05-05", "2027-07-19", "2027-08-11", "2027-09-20", "2027-09-23", "2027-10-11",
                "2027-11-03", "2027-11-23", "2027-12-31",
            ])
    }

    @Test("the year-end closure: December 31 to January 3, and a Sunday New Year's substitute stays inside it")
    func yearEnd() {
        #expect(tokyo.state(at: jst(2026, 12, 30, 10)) == .regular)
        for day in [(2026, 12, 31), (2027, 1, 1), (2027, 1, 2), (2027, 1, 3)] {
            #expect(tokyo.state(at: jst(day.0, day.1, day.2, 10)) == .closed)
        }
        #expect(tokyo.nextOpen(after: jst(2026, 12, 30, 16)) == jst(2027, 1, 4, 9))
        #expect(tokyo.lastSession(at: jst(2027, 1, 3, 23)).day == CalendarDay(2026, 12, 30))
        // 2023: January 1 was a Sunday, its substitute is January 2, and the exchange opened on January 4.
        let calendar2023 = ExchangeCalendar.for("JPX", years: 2023...2023)
        #expect(calendar2023.closedDays(in: 2023).prefix(3) == ["2023-01-02", "2023-01-03", "2023-01-09"])
        #expect(calendar2023.session(on: CalendarDay(2023, 1, 4)) != nil)
    }

    @Test("the lunch break 11:30-12:30 is closed inside the trading day; the close is 15:30")
    func lunchBreak() {
        #expect(tokyo.states(around: jst(2026, 12, 3, 9)) == [.closed, .regular])
        #expect(tokyo.states(around: jst(2026, 12, 3, 11, 30)) == [.regular, .closed])
        #expect(tokyo.states(around: jst(2026, 12, 3, 12, 30)) == [.closed, .regular])
        #expect(tokyo.states(around: jst(2026, 12, 3, 15, 30)) == [.regular, .closed])
        let session = tokyo.session(containing: jst(2026, 12, 3, 12))!
        #expect(session.state(at: jst(2026, 12, 3, 12)) == .closed)
        #expect(session.periods.map(\.state) == [.regular, .regular])
        #expect(session.regularOpen == jst(2026, 12, 3, 9))
        #expect(session.regularClose == jst(2026, 12, 3, 15, 30))
        #expect(tokyo.nextOpen(after: jst(2026, 12, 3, 12)) == jst(2026, 12, 4, 9))
    }

    @Test("no daylight saving time: 09:00 JST is 00:00 UTC in winter and summer")
    func noDaylightSavingTime() {
        #expect(tokyo.session(on: CalendarDay(2026, 1, 5))!.opens == Wall.utc(2026, 1, 5, 0))
        #expect(tokyo.session(on: CalendarDay(2026, 7, 1))!.opens == Wall.utc(2026, 7, 1, 0))
        #expect(tokyo.day(at: Wall.utc(2026, 12, 31, 16)) == CalendarDay(2027, 1, 1))
    }
}
