import Foundation
import Testing
import StockCalendar

@Suite("Moscow Exchange")
struct MoscowTests {
    let moscow = ExchangeCalendar.for("MOEX", years: 2026...2027)
    let msk = WallClock(zone: "Europe/Moscow")

    @Test("closing days of 2026 and 2027: weekend holidays move to the next free weekday, Christmas does not")
    func holidays() {
        #expect(
            moscow.closedDays(in: 2026) == [
                "2026-01-01", "2026-01-02", "2026-01-07", "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11",
                "2026-06-12", "2026-11-04", "2026-12-31",
            ])
        #expect(
            moscow.closedDays(in: 2027) == [
                "2027-01-01", "2027-01-04", "2027-01-07", "2027-02-23", "2027-03-08", "2027-05-03", "2027-05-10",
                "2027-06-14", "2027-11-04", "2027-12-31",
            ])
        // 2024: Orthodox Christmas fell on a Sunday and was not moved.
        let calendar2024 = ExchangeCalendar.for("MOEX", years: 2024...2024)
        #expect(calendar2024.session(on: CalendarDay(2024, 1, 8)) != nil)
    }

    @Test("morning (pre), main (regular) and evening (post) sessions in Moscow time, UTC+3 all year")
    func sessions() {
        #expect(moscow.states(around: msk(2026, 12, 3, 6, 50)) == [.closed, .pre])
        #expect(moscow.states(around: msk(2026, 12, 3, 10)) == [.pre, .regular])
        #expect(moscow.states(around: msk(2026, 12, 3, 18, 50)) == [.regular, .closed])
        #expect(moscow.states(around: msk(2026, 12, 3, 19, 5)) == [.closed, .post])
        #expect(moscow.states(around: msk(2026, 12, 3, 23, 50)) == [.post, .closed])
        #expect(moscow.session(on: CalendarDay(2026, 7, 1))!.regularOpen == Wall.utc(2026, 7, 1, 7))
        #expect(moscow.session(on: CalendarDay(2026, 1, 12))!.regularOpen == Wall.utc(2026, 1, 12, 7))
        #expect(ExchangeCalendar.for("MCX", years: 2026...2026).identifier == "XMOS")
    }
}
