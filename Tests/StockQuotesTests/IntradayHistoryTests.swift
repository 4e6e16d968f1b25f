import Foundation
import StockCalendar
import StockModel
import Testing
@testable import StockQuotes

@Suite("Intraday history")
struct IntradayHistoryTests {
    static let years = 2026...2027

    /// A book of one security on `calendar`, ticked every `step` seconds from `start` for `count` ticks, the
    /// price rising by 0.01 each tick from 100.
    func tickedBook(
        _ calendar: ExchangeCalendar, bucketSeconds: Int = 300, from start: String, every step: Double, count: Int
    ) -> QuoteBook {
        var book = QuoteBook(bucketSeconds: bucketSeconds)
        let begin = instant(start)
        book.register(id: 1, calendar: calendar, currency: nil, last: nil, at: begin)
        for tick in 0..<count {
            let update = QuoteUpdate(index: 0, price: Price(tenThousandths: 1_000_000 + Int64(tick) * 100))
            _ = book.apply([update], at: begin.addingTimeInterval(Double(tick) * step))
        }
        return book
    }

    @Test("a point is eight bytes; the fallback point sixteen")
    func pointSize() {
        #expect(MemoryLayout<HistoryPoint>.stride == 8)
        #expect(MemoryLayout<WideHistoryPoint>.stride == 16)
    }

    @Test("always-open: a minute's ticks over a UTC day give 288 five-minute points, each its bucket's last price")
    func alwaysOpenDay() {
        let book = tickedBook(.alwaysOpen(years: Self.years), from: "2026-12-03T00:00:00Z", every: 60, count: 1_440)
        let points = book.history(at: 0)
        #expect(points.count == 288)
        #expect(points.first?.0 == instant("2026-12-03T00:00:00Z"))
        #expect(points.first?.1 == price("100.04"))
        #expect(points[1].0 == instant("2026-12-03T00:05:00Z"))
        #expect(points.last?.0 == instant("2026-12-03T23:55:00Z"))
        #expect(points.last?.1 == price("114.39"))
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.0 < $1.0 })
        #expect(book.historyBytes <= 288 * 8 + 64)
    }

    @Test("US: the pre, regular and post sessions (04:00-20:00) give at most 192 points; closed ticks add none")
    func usDay() {
        let nyse = ExchangeCalendar.for("NYSE", years: Self.years)
        let book = tickedBook(nyse, from: "2026-12-03T00:00:00-05:00", every: 60, count: 1_440)
        let points = book.history(at: 0)
        #expect(points.count == 192)
        #expect(points.first?.0 == instant("2026-12-03T04:00:00-05:00"))
        #expect(points.last?.0 == instant("2026-12-03T19:55:00-05:00"))
        #expect(book.historyBytes <= 192 * 8 + 64)
    }

    @Test("never more than 400 points: ticks past the last bucket overwrite it")
    func bound() {
        let book = tickedBook(
            .alwaysOpen(years: Self.years), bucketSeconds: 1, from: "2026-12-03T00:00:00Z", every: 1, count: 1_000)
        let points = book.history(at: 0)
        #expect(points.count == 400)
        #expect(points.last?.1 == Price(tenThousandths: 1_000_000 + 999 * 100))
        #expect(points.last?.0 == instant("2026-12-03T00:06:39Z"))
        #expect(book.historyBytes <= 400 * 8 + 64)
        #expect(QuoteBook(bucketSeconds: 0).bucketSeconds == 1)
        #expect(QuoteBook(bucketSeconds: .max).bucketSeconds == 86_400)
    }

    @Test("the next trading day starts empty; the last day's points stay through the night")
    func clearedOnNextDay() {
        let nyse = ExchangeCalendar.for("NYSE", years: Self.years)
        var book = tickedBook(nyse, from: "2026-12-04T10:00:00-05:00", every: 600, count: 3)
        #expect(book.history(at: 0).count == 3)
        _ = book.apply([], at: instant("2026-12-06T12:00:00-05:00"))
        #expect(book.history(at: 0).count == 3)
        _ = book.apply([], at: instant("2026-12-07T04:00:00-05:00"))
        #expect(book.history(at: 0).isEmpty)
        _ = book.apply([QuoteUpdate(index: 0, price: price("7"))], at: instant("2026-12-07T04:07:00-05:00"))
        #expect(book.history(at: 0).map(\.0) == [instant("2026-12-07T04:05:00-05:00")])
    }

    @Test("a price beyond an Int32 of the day's first one falls back to whole prices, exactly")
    func deltaOverflow() {
        var history = IntradayHistory()
        let opens = instant("2026-12-03T00:00:00Z")
        history.startDay(opening: opens)
        let prices: [Int64] = [1, Int64(Int32.max) + 2, .max, .min, 5]
        for (bucket, value) in prices.enumerated() {
            history.record(
                Price(tenThousandths: value), at: opens.addingTimeInterval(Double(bucket) * 300), bucketSeconds: 300,
                reserving: 288)
            #expect(history.isWide == (bucket > 0))
        }
        #expect(history.points(bucketSeconds: 300).map(\.1.tenThousandths) == prices)
        var fits = IntradayHistory()
        fits.startDay(opening: opens)
        for value in [Int64.max, .max - Int64(Int32.max), .max] {
            fits.record(Price(tenThousandths: value), at: opens, bucketSeconds: 300, reserving: 288)
        }
        #expect(!fits.isWide)
        #expect(fits.points(bucketSeconds: 300).map(\.1.tenThousandths) == [.max])
        fits.startDay(opening: opens)
        #expect(fits.points(bucketSeconds: 300).isEmpty)
    }
}
