import Foundation
import Testing
import StockCalendar

@Suite("The calendar API: states, sessions, lookups, always-open and the fallback")
struct ExchangeCalendarTests {
    let eastern = WallClock(zone: "America/New_York")

    @Test("market states spell SPEC's market_state values")
    func rawValues() {
        #expect(MarketState.allCases.map(\.rawValue) == ["pre", "regular", "post", "closed"])
    }

    @Test("always-open reports regular at night, on weekends, on holidays and outside its years")
    func alwaysOpen() {
        let calendar = ExchangeCalendar.alwaysOpen(years: 2026...2026)
        #expect(calendar.identifier == "always-open")
        for date in [
            Wall.utc(2026, 12, 5, 3), Wall.utc(2026, 12, 25, 12), Wall.utc(2026, 12, 31, 23, 59),
            Wall.utc(2027, 1, 1, 0), Wall.utc(2030, 6, 1, 12), Wall.utc(2019, 1, 1, 0),
        ] {
            #expect(calendar.state(at: date) == .regular, "\(date)")
        }
        let saturday = calendar.lastSession(at: Wall.utc(2026, 12, 5, 13))
        #expect(saturday.day == CalendarDay(2026, 12, 5))
        #expect(saturday.regularClose == Wall.utc(2026, 12, 6, 0))
        #expect(calendar.nextOpen(after: Wall.utc(2026, 12, 5, 13)) == Wall.utc(2026, 12, 6, 0))
        #expect(calendar.session(containing: Wall.utc(2026, 12, 6, 0))?.day == CalendarDay(2026, 12, 6))
    }

    @Test("an exchange with no calendar gets weekdays-utc: regular all weekday, closed on weekends")
    func fallback() {
        for code in ["SAO", "SGO", "VIE", "", "no such exchange"] {
            let calendar = ExchangeCalendar.for(code, years: 2026...2026)
            #expect(calendar.identifier == "weekdays-utc", "\(code)")
            #expect(calendar.state(at: Wall.utc(2026, 12, 2, 3)) == .regular)
            #expect(calendar.state(at: Wall.utc(2026, 12, 25, 12)) == .regular)
            #expect(calendar.state(at: Wall.utc(2026, 12, 5, 12)) == .closed)
            #expect(!ExchangeCalendars.isKnown(code))
        }
    }

    @Test("every exchange code of the listings has its own calendar")
    func listingCodes() {
        // Fixtures/securities.csv, then the other codes of ../shared/eval/intl-listings.csv with a calendar.
        let fixtureCodes = [
            "NYSE", "NASDAQ", "NYSE Arca", "JPX", "MOEX", "GER", "PAR", "LSE", "EBS", "MCE", "AMS", "HEL", "CPH",
            "MIL", "STO", "BRU",
        ]
        let intlCodes = ["LIS", "OSL", "IOB", "DUS", "BER", "HAM", "MUN", "HAN"]
        let calendars = ExchangeCalendars(years: 2026...2026)
        for code in fixtureCodes + intlCodes {
            #expect(ExchangeCalendars.isKnown(code), "\(code)")
            #expect(calendars.calendar(for: code).identifier == ExchangeCalendar.for(code, years: 2026...2026).identifier)
        }
        #expect(calendars.calendar(for: "nyse arca").identifier == "XNYS")
        #expect(calendars.calendar(for: "xtks").identifier == "XTKS")
        #expect(calendars.calendar(for: "SAO").identifier == "weekdays-utc")
    }

    @Test("outside its laid-out years a calendar answers as one laid out for them")
    func outsideYears() {
        let narrow = ExchangeCalendar.for("NYSE", years: 2026...2026)
        let wide = ExchangeCalendar.for("NYSE", years: 2025...2030)
        for date in [eastern(2029, 7, 4, 12), eastern(2030, 1, 2, 10), eastern(2025, 12, 31, 19)] {
            #expect(narrow.state(at: date) == wide.state(at: date), "\(date)")
        }
        #expect(narrow.state(at: eastern(2029, 7, 4, 12)) == .closed)
        #expect(narrow.state(at: eastern(2030, 1, 2, 10)) == .regular)
        #expect(narrow.lastSession(at: eastern(2026, 1, 1, 12)).day == CalendarDay(2025, 12, 31))
        #expect(narrow.nextOpen(after: eastern(2026, 12, 31, 17)) == eastern(2027, 1, 4, 9, 30))
        #expect(narrow.session(on: CalendarDay(2030, 1, 1)) == nil)
        #expect(narrow.session(on: CalendarDay(2030, 1, 2))?.regularOpen == eastern(2030, 1, 2, 9, 30))
        #expect(narrow.session(containing: eastern(2027, 1, 4, 5))?.day == CalendarDay(2027, 1, 4))
        #expect(narrow.holidays(in: 2030).first?.name == "New Year's Day")
    }

    @Test(
        "the laid-out transitions agree with each session's periods, every five minutes",
        arguments: ["NYSE", "JPX", "MOEX", "LSE"])
    func transitionsMatchSessions(code: String) {
        let calendar = ExchangeCalendar.for(code, years: 2026...2027)
        var date = Wall.utc(2026, 12, 20, 0)
        while date < Wall.utc(2027, 1, 6, 0) {
            let expected = calendar.session(containing: date)?.state(at: date) ?? .closed
            #expect(calendar.state(at: date) == expected, "\(code) \(date)")
            date.addTimeInterval(300)
        }
    }

    @Test("the exchange-local day of an instant")
    func localDay() {
        let nyse = ExchangeCalendar.for("NYSE", years: 2026...2026)
        #expect(nyse.day(at: Wall.utc(2026, 12, 4, 3)) == CalendarDay(2026, 12, 3))
        #expect(nyse.day(at: Wall.utc(2026, 12, 4, 5)) == CalendarDay(2026, 12, 4))
    }
}
