import Foundation
import Testing
import StockCalendar

@Suite("US equities (NYSE, Nasdaq and the other US exchanges)")
struct USEquitiesTests {
    let nyse = ExchangeCalendar.for("NYSE", years: 2025...2028)
    let eastern = WallClock(zone: "America/New_York")

    @Test("NYSE's published holidays of 2026 and 2027, observed days included")
    func holidays() {
        #expect(
            nyse.closedDays(in: 2026) == [
                "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03",
                "2026-09-07", "2026-11-26", "2026-12-25",
            ])
        #expect(
            nyse.closedDays(in: 2027) == [
                "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05",
                "2027-09-06", "2027-11-25", "2027-12-24",
            ])
        let names = nyse.holidays(in: 2027).map(\.name)
        #expect(names.contains("Juneteenth National Independence Day (observed)"))
        #expect(names.contains("Christmas Day (observed)"))
    }

    @Test("Saturday's New Year's Day is not observed on the Friday before; Sunday's is on the Monday after")
    func newYearsDay() {
        #expect(!nyse.closedDays(in: 2027).contains("2027-12-31"))
        #expect(nyse.session(on: CalendarDay(2027, 12, 31)) != nil)
        #expect(nyse.closedDays(in: 2028).first == "2028-01-17")
        #expect(nyse.closedDays(in: 2025).first == "2025-01-01")
        let calendar2023 = ExchangeCalendar.for("NYSE", years: 2023...2023)
        #expect(calendar2023.closedDays(in: 2023).first == "2023-01-02")
    }

    @Test("Juneteenth is a holiday from 2022 only")
    func juneteenth() {
        let early = ExchangeCalendar.for("NYSE", years: 2021...2022)
        #expect(!early.closedDays(in: 2021).contains { $0.hasPrefix("2021-06") })
        #expect(early.closedDays(in: 2022).contains("2022-06-20"))
    }

    @Test("early closes at 13:00: the day after Thanksgiving, Christmas Eve and July 3 when they trade")
    func earlyCloses() {
        #expect(nyse.earlyCloseDays(in: 2025) == ["2025-07-03", "2025-11-28", "2025-12-24"])
        #expect(nyse.earlyCloseDays(in: 2026) == ["2026-11-27", "2026-12-24"])
        #expect(nyse.earlyCloseDays(in: 2027) == ["2027-11-26"])
        let dayAfterThanksgiving = nyse.session(on: CalendarDay(2026, 11, 27))!
        #expect(dayAfterThanksgiving.regularClose == eastern(2026, 11, 27, 13))
        #expect(dayAfterThanksgiving.closes == eastern(2026, 11, 27, 17))
        #expect(nyse.states(around: eastern(2026, 12, 24, 13)) == [.regular, .post])
        #expect(nyse.states(around: eastern(2026, 12, 24, 17)) == [.post, .closed])
    }

    @Test("pre 04:00, regular 09:30, post 16:00, closed 20:00 Eastern, to the second")
    func transitions() {
        #expect(nyse.states(around: eastern(2026, 12, 3, 4)) == [.closed, .pre])
        #expect(nyse.states(around: eastern(2026, 12, 3, 9, 30)) == [.pre, .regular])
        #expect(nyse.states(around: eastern(2026, 12, 3, 16)) == [.regular, .post])
        #expect(nyse.states(around: eastern(2026, 12, 3, 20)) == [.post, .closed])
        let session = nyse.session(containing: eastern(2026, 12, 3, 19, 59))!
        #expect(session.periods.map(\.state) == [.pre, .regular, .post])
        #expect(nyse.session(containing: eastern(2026, 12, 3, 20)) == nil)
        #expect(nyse.session(containing: eastern(2026, 12, 3, 3, 59)) == nil)
    }

    @Test("weekends and holidays are closed all day, observed holidays too")
    func closedDays() {
        for hour in [3, 5, 12, 18] {
            #expect(nyse.state(at: eastern(2026, 12, 5, hour)) == .closed)  // Saturday
            #expect(nyse.state(at: eastern(2026, 12, 6, hour)) == .closed)  // Sunday
            #expect(nyse.state(at: eastern(2026, 7, 3, hour)) == .closed)  // Independence Day, observed
            #expect(nyse.state(at: eastern(2027, 7, 5, hour)) == .closed)  // Independence Day, observed
            #expect(nyse.state(at: eastern(2026, 4, 3, hour)) == .closed)  // Good Friday
        }
        #expect(nyse.state(at: eastern(2026, 7, 2, 12)) == .regular)  // no early close before an observed Friday
        #expect(nyse.state(at: eastern(2027, 7, 2, 14)) == .regular)
    }

    @Test("US daylight saving time: the open moves an hour in UTC across March 8 and November 1, 2026")
    func daylightSavingTime() {
        #expect(nyse.session(on: CalendarDay(2026, 3, 6))!.regularOpen == Wall.utc(2026, 3, 6, 14, 30))
        #expect(nyse.session(on: CalendarDay(2026, 3, 9))!.regularOpen == Wall.utc(2026, 3, 9, 13, 30))
        #expect(nyse.session(on: CalendarDay(2026, 3, 9))!.opens == Wall.utc(2026, 3, 9, 8))
        #expect(nyse.session(on: CalendarDay(2026, 10, 30))!.regularClose == Wall.utc(2026, 10, 30, 20))
        #expect(nyse.session(on: CalendarDay(2026, 11, 2))!.regularClose == Wall.utc(2026, 11, 2, 21))
        #expect(nyse.state(at: Wall.utc(2026, 3, 9, 13, 45)) == .regular)
        #expect(nyse.state(at: Wall.utc(2026, 3, 6, 13, 45)) == .pre)
    }

    @Test("the last session and its regular close roll over when the next session opens")
    func lastSessionAndNextOpen() {
        let saturday = eastern(2026, 11, 28, 12)
        #expect(nyse.lastSession(at: saturday).day == CalendarDay(2026, 11, 27))
        #expect(nyse.lastSession(at: saturday).regularClose == Wall.utc(2026, 11, 27, 18))
        #expect(nyse.lastSession(at: eastern(2026, 11, 30, 3, 59)).day == CalendarDay(2026, 11, 27))
        #expect(nyse.lastSession(at: eastern(2026, 11, 30, 4)).day == CalendarDay(2026, 11, 30))
        #expect(nyse.nextOpen(after: eastern(2027, 7, 2, 16)) == eastern(2027, 7, 6, 9, 30))
        #expect(nyse.nextOpen(after: eastern(2026, 12, 3, 9, 30)) == eastern(2026, 12, 4, 9, 30))
        #expect(nyse.nextOpen(after: eastern(2026, 12, 3, 9, 29)) == eastern(2026, 12, 3, 9, 30))
        #expect(nyse.nextSession(after: eastern(2026, 12, 24, 18)).day == CalendarDay(2026, 12, 28))
        #expect(nyse.nextSession(after: eastern(2026, 12, 24, 18)).opens == eastern(2026, 12, 28, 4))
    }

    @Test("every US exchange name of the listings, and the MICs, share the NYSE calendar")
    func sharedCalendar() {
        let codes = [
            "NYSE", "NASDAQ", "NYSE American", "NYSE Arca", "Cboe BZX", "IEX", "NYSE Texas", "TXSE", "xnas", " nyse ",
        ]
        for code in codes {
            #expect(ExchangeCalendar.for(code, years: 2026...2026).identifier == "XNYS", "\(code)")
        }
        #expect(nyse.timeZone.identifier == eastern.zone)
    }
}
