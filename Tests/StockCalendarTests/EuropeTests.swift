import Foundation
import Testing
import StockCalendar

@Suite("European exchanges")
struct EuropeTests {
    let years = 2026...2027
    let berlin = WallClock(zone: "Europe/Berlin")
    let london = WallClock(zone: "Europe/London")

    func calendar(_ code: String) -> ExchangeCalendar { ExchangeCalendar.for(code, years: years) }

    @Test("Xetra: New Year, Good Friday, Easter Monday, 1 May, 24-26 and 31 December; the year's last day closes at 14:00")
    func xetra() {
        let xetra = calendar("GER")
        #expect(xetra.identifier == "XETR")
        #expect(
            xetra.closedDays(in: 2026) == [
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-24", "2026-12-25", "2026-12-31",
            ])
        #expect(
            xetra.closedDays(in: 2027) == ["2027-01-01", "2027-03-26", "2027-03-29", "2027-12-24", "2027-12-31"])
        #expect(xetra.earlyCloseDays(in: 2026) == ["2026-12-30"])
        #expect(xetra.states(around: berlin(2026, 12, 30, 14)) == [.regular, .closed])
        #expect(ExchangeCalendar.for("XETRA", years: 2028...2028).earlyCloseDays(in: 2028) == ["2028-12-29"])
        #expect(xetra.states(around: berlin(2026, 12, 3, 9)) == [.closed, .regular])
        #expect(xetra.states(around: berlin(2026, 12, 3, 17, 30)) == [.regular, .closed])
    }

    @Test("Europe's daylight saving time: the last Sundays of March (29th) and October (25th) 2026")
    func daylightSavingTime() {
        let xetra = calendar("GER")
        #expect(xetra.session(on: CalendarDay(2026, 3, 27))!.opens == Wall.utc(2026, 3, 27, 8))
        #expect(xetra.session(on: CalendarDay(2026, 3, 30))!.opens == Wall.utc(2026, 3, 30, 7))
        #expect(xetra.session(on: CalendarDay(2026, 10, 23))!.opens == Wall.utc(2026, 10, 23, 7))
        #expect(xetra.session(on: CalendarDay(2026, 10, 26))!.opens == Wall.utc(2026, 10, 26, 8))
        let lse = calendar("LSE")
        #expect(lse.session(on: CalendarDay(2026, 3, 27))!.opens == Wall.utc(2026, 3, 27, 8))
        #expect(lse.session(on: CalendarDay(2026, 3, 30))!.opens == Wall.utc(2026, 3, 30, 7))
    }

    @Test("the weeks the US and Europe differ: March 9-27 and October 26-30, 2026")
    func usAndEuropeApart() {
        let xetra = calendar("GER"), nyse = calendar("NYSE"), lse = calendar("LSE")
        // March 16: New York on daylight time already, Frankfurt not yet: both regular at 16:00 UTC.
        #expect(nyse.state(at: Wall.utc(2026, 3, 16, 16)) == .regular)
        #expect(xetra.state(at: Wall.utc(2026, 3, 16, 16)) == .regular)
        #expect(xetra.state(at: Wall.utc(2026, 3, 30, 16)) == .closed)
        // October 27: London back on GMT, New York still on daylight time.
        #expect(lse.session(on: CalendarDay(2026, 10, 27))!.opens == Wall.utc(2026, 10, 27, 8))
        #expect(nyse.state(at: Wall.utc(2026, 10, 27, 14)) == .regular)
        #expect(nyse.state(at: Wall.utc(2026, 11, 3, 14)) == .pre)
    }

    @Test("London: bank holidays with Christmas and Boxing Day substitutes; 12:30 half days")
    func londonStockExchange() {
        let lse = calendar("LSE")
        #expect(
            lse.closedDays(in: 2026) == [
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
                "2026-12-28",
            ])
        #expect(
            lse.closedDays(in: 2027) == [
                "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27",
                "2027-12-28",
            ])
        #expect(lse.earlyCloseDays(in: 2026) == ["2026-12-24", "2026-12-31"])
        #expect(lse.states(around: london(2026, 12, 24, 12, 30)) == [.regular, .closed])
        #expect(lse.states(around: london(2026, 12, 3, 16, 30)) == [.regular, .closed])
        // 2022: Christmas Eve and New Year's Eve fell on Saturdays; the Fridays before were the half days.
        let lse2022 = ExchangeCalendar.for("XLON", years: 2022...2022)
        #expect(lse2022.earlyCloseDays(in: 2022) == ["2022-12-23", "2022-12-30"])
        #expect(ExchangeCalendar.for("IOB", years: years).identifier == "XLON")
    }

    @Test("Euronext: six closing days, 14:05 half days on 24 and 31 December; Lisbon an hour behind on its clock")
    func euronext() {
        let expected2026 = ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25"]
        for (code, mic) in [("PAR", "XPAR"), ("AMS", "XAMS"), ("BRU", "XBRU"), ("LIS", "XLIS")] {
            let euronext = calendar(code)
            #expect(euronext.identifier == mic)
            #expect(euronext.closedDays(in: 2026) == expected2026, "\(code)")
            #expect(euronext.closedDays(in: 2027) == ["2027-01-01", "2027-03-26", "2027-03-29"], "\(code)")
            #expect(euronext.earlyCloseDays(in: 2027) == ["2027-12-24", "2027-12-31"], "\(code)")
            #expect(euronext.session(on: CalendarDay(2026, 12, 3))!.opens == Wall.utc(2026, 12, 3, 8), "\(code)")
            #expect(euronext.session(on: CalendarDay(2026, 12, 24))!.regularClose == Wall.utc(2026, 12, 24, 13, 5))
        }
        #expect(calendar("LIS").timeZone.identifier == "Europe/Lisbon")
    }

    @Test("SIX Swiss Exchange: Berchtold's Day, Ascension, Whit Monday, 1 August and the Christmas days")
    func swiss() {
        let six = calendar("EBS")
        #expect(
            six.closedDays(in: 2026) == [
                "2026-01-01", "2026-01-02", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
                "2026-12-24", "2026-12-25", "2026-12-31",
            ])
        #expect(
            six.closedDays(in: 2027) == [
                "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17", "2027-12-24", "2027-12-31",
            ])
    }

    @Test("Madrid (14:00 on 24 and 31 December) and Milan (Ferragosto, 24 and 31 December closed)")
    func madridAndMilan() {
        let madrid = calendar("MCE"), milan = calendar("MIL")
        #expect(madrid.closedDays(in: 2026) == ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25"])
        #expect(madrid.earlyCloseDays(in: 2026) == ["2026-12-24", "2026-12-31"])
        #expect(madrid.session(on: CalendarDay(2026, 12, 31))!.regularClose == Wall.utc(2026, 12, 31, 13))
        #expect(
            milan.closedDays(in: 2026) == [
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-24", "2026-12-25", "2026-12-31",
            ])
        #expect(ExchangeCalendar.for("MIL", years: 2025...2025).closedDays(in: 2025).contains("2025-08-15"))
    }

    @Test("Nordic: Midsummer Eve, Ascension, national days, Stockholm's and Oslo's early closes")
    func nordic() {
        let stockholm = calendar("STO"), copenhagen = calendar("CPH"), helsinki = calendar("HEL")
        let oslo = calendar("OSL")
        #expect(
            stockholm.closedDays(in: 2026) == [
                "2026-01-01", "2026-01-06", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-06-19",
                "2026-12-24", "2026-12-25", "2026-12-31",
            ])
        #expect(
            stockholm.earlyCloseDays(in: 2027) == ["2027-01-05", "2027-03-25", "2027-04-30", "2027-05-05", "2027-11-05"])
        #expect(
            copenhagen.closedDays(in: 2026) == [
                "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-15", "2026-05-25",
                "2026-06-05", "2026-12-24", "2026-12-25", "2026-12-31",
            ])
        #expect(helsinki.closedDays(in: 2027).contains("2027-06-25"))
        #expect(helsinki.closedDays(in: 2027).contains("2027-12-06"))
        #expect(helsinki.session(on: CalendarDay(2026, 12, 3))!.opens == Wall.utc(2026, 12, 3, 8))
        #expect(oslo.closedDays(in: 2026).prefix(4) == ["2026-01-01", "2026-04-02", "2026-04-03", "2026-04-06"])
        #expect(oslo.earlyCloseDays(in: 2026) == ["2026-04-01"])
        #expect(oslo.session(on: CalendarDay(2026, 12, 3))!.regularClose == Wall.utc(2026, 12, 3, 15, 20))
    }

    @Test("the German floor exchanges trade 8:00-22:00 on Xetra's days")
    func germanFloors() {
        let dusseldorf = calendar("DUS")
        #expect(dusseldorf.identifier == "XDUS")
        #expect(dusseldorf.closedDays(in: 2026) == calendar("GER").closedDays(in: 2026))
        #expect(dusseldorf.states(around: berlin(2026, 12, 3, 8)) == [.closed, .regular])
        #expect(dusseldorf.states(around: berlin(2026, 12, 3, 22)) == [.regular, .closed])
    }
}
