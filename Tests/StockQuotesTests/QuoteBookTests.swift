import Foundation
import StockCalendar
import StockModel
import Testing
import StockQuotes

/// One security on one calendar, ticked by hand.
struct OneSecurity {
    var book = QuoteBook()
    let index: Int32

    init(calendar: ExchangeCalendar, last: Quote?, at time: String) {
        index = book.register(id: 7, calendar: calendar, currency: "USD", last: last, at: instant(time))
    }

    /// Applies one tick with `price` (none when nil) and returns the change it reports for the security.
    @discardableResult
    mutating func tick(_ time: String, _ price: String? = nil, traded: Int64? = nil) -> QuoteChange? {
        let updates = price.map { [QuoteUpdate(index: index, price: StockQuotesTests.price($0), tradedVolume: traded)] }
        return book.apply(updates ?? [], at: instant(time)).first
    }

    var quote: Quote { book.quote(at: index)! }
}

@Suite("Quote book: the trading day")
struct QuoteBookTests {
    static let years = 2026...2027
    let nyse = ExchangeCalendar.for("NASDAQ", years: years)

    @Test("US: the close rolls at 16:00 on Friday; the weekend changes nothing; Monday's pre-market resets the day")
    func weekend() {
        var aapl = OneSecurity(
            calendar: nyse, last: Quote(price: price("100"), previousClose: price("99")),
            at: "2026-12-04T10:00:00-05:00")
        aapl.tick("2026-12-04T10:00:00-05:00", "101", traded: 10)
        aapl.tick("2026-12-04T15:59:59-05:00", "102", traded: 5)
        #expect(aapl.quote.previousClose == price("99"))
        #expect(aapl.quote.change == price("3"))
        #expect((aapl.quote.dayHigh, aapl.quote.dayLow, aapl.quote.volume) == (price("102"), price("101"), 15))
        let atClose = aapl.tick("2026-12-04T16:00:00-05:00", "103")
        #expect(aapl.quote.previousClose == price("102"))
        #expect(aapl.quote.change == price("1"))
        #expect(aapl.quote.marketState == .post)
        #expect(aapl.quote.dayHigh == price("103"))
        #expect(atClose?.fields == [.price, .previousClose, .change, .changePercent, .dayHigh, .marketState, .asOf])
        #expect(aapl.tick("2026-12-04T20:00:00-05:00")?.fields == [.price, .marketState])
        #expect(aapl.tick("2026-12-05T12:00:00-05:00") == nil)
        #expect(aapl.tick("2026-12-07T03:59:59-05:00") == nil)
        #expect(aapl.quote.previousClose == price("102"))
        #expect(aapl.quote.volume == 15)
        let monday = aapl.tick("2026-12-07T04:00:00-05:00")
        #expect(monday?.fields == [.price, .dayHigh, .dayLow, .volume, .marketState])
        #expect((aapl.quote.dayHigh, aapl.quote.dayLow, aapl.quote.volume) == (nil, nil, nil))
        #expect(aapl.quote.previousClose == price("102"))
        aapl.tick("2026-12-07T09:30:00-05:00", "104", traded: 7)
        #expect((aapl.quote.dayHigh, aapl.quote.dayLow, aapl.quote.volume) == (price("104"), price("104"), 7))
        #expect(aapl.quote.marketState == .regular)
        aapl.tick("2026-12-07T16:00:01-05:00")
        #expect(aapl.quote.previousClose == price("104"))
    }

    @Test("US Thanksgiving: Wednesday's close holds over the closed Thursday; Friday closes early at 13:00")
    func holiday() {
        var aapl = OneSecurity(calendar: nyse, last: Quote(price: price("50")), at: "2026-11-25T15:00:00-05:00")
        #expect(aapl.quote.previousClose == nil)
        #expect(aapl.quote.change == nil)
        aapl.tick("2026-11-25T15:59:00-05:00", "51")
        aapl.tick("2026-11-25T16:00:00-05:00")
        #expect(aapl.quote.previousClose == price("51"))
        aapl.tick("2026-11-26T11:00:00-05:00", "51.5")
        #expect(aapl.quote.marketState == .closed)
        #expect(aapl.quote.dayHigh == price("51.5"))
        #expect(aapl.book.history(at: aapl.index).map(\.1) == [price("51")])
        aapl.tick("2026-11-27T04:00:00-05:00", "52")
        #expect((aapl.quote.dayHigh, aapl.quote.previousClose) == (price("52"), price("51")))
        aapl.tick("2026-11-27T12:59:59-05:00", "53")
        aapl.tick("2026-11-27T13:00:00-05:00", "54")
        #expect(aapl.quote.previousClose == price("53"))
        #expect(aapl.quote.marketState == .post)
        #expect(aapl.tick("2026-11-27T17:00:00-05:00")?.fields == [.price, .marketState])
        #expect(aapl.quote.marketState == .closed)
    }

    @Test("always-open: regular all the time, the close rolls and the day starts at UTC midnight")
    func alwaysOpenMidnight() {
        var demo = OneSecurity(
            calendar: .alwaysOpen(years: Self.years), last: Quote(price: price("10"), previousClose: price("9")),
            at: "2026-12-05T23:00:00Z")
        demo.tick("2026-12-05T23:59:59Z", "10.5", traded: 3)
        #expect(demo.quote.marketState == .regular)
        #expect(demo.quote.previousClose == price("9"))
        let midnight = demo.tick("2026-12-06T00:00:00Z", "11", traded: 2)
        #expect(demo.quote.previousClose == price("10.5"))
        #expect(demo.quote.change == price("0.5"))
        #expect((demo.quote.dayHigh, demo.quote.dayLow, demo.quote.volume) == (price("11"), price("11"), 2))
        #expect(midnight?.fields.contains(.marketState) == false)
        #expect(demo.book.history(at: demo.index).map(\.1) == [price("11")])
    }

    @Test("Tokyo's lunch break is closed inside the trading day: no new day, no roll, no history point")
    func lunchBreak() {
        var toyota = OneSecurity(
            calendar: .for("JPX", years: Self.years), last: Quote(price: price("3000"), previousClose: price("2990")),
            at: "2026-12-03T11:00:00+09:00")
        toyota.tick("2026-12-03T11:29:00+09:00", "3010")
        #expect(toyota.tick("2026-12-03T11:30:00+09:00")?.fields == [.price, .marketState])
        toyota.tick("2026-12-03T12:00:00+09:00", "3020")
        #expect(toyota.quote.marketState == .closed)
        toyota.tick("2026-12-03T12:30:00+09:00", "3030")
        #expect((toyota.quote.dayLow, toyota.quote.dayHigh) == (price("3010"), price("3030")))
        #expect(toyota.quote.previousClose == price("2990"))
        #expect(toyota.book.history(at: toyota.index).map(\.1) == [price("3010"), price("3030")])
        toyota.tick("2026-12-03T15:30:00+09:00")
        #expect(toyota.quote.previousClose == price("3030"))
    }

    @Test("a restart with a stored quote of a past day rolls its close and starts the day on the first tick")
    func restartFromPastDay() {
        let stored = Quote(
            price: price("50"), previousClose: price("48"), dayHigh: price("51"), dayLow: price("47"), volume: 1_000,
            currency: "EUR", marketState: .pre, asOf: instant("2026-12-02T13:00:00-05:00"))
        var aapl = OneSecurity(calendar: nyse, last: stored, at: "2026-12-03T10:00:00-05:00")
        #expect(aapl.quote.currency == "USD")
        #expect(aapl.quote.marketState == .regular)
        let first = aapl.tick("2026-12-03T10:00:00-05:00")
        #expect(first?.fields == [.price, .previousClose, .change, .changePercent, .dayHigh, .dayLow, .volume])
        #expect(aapl.quote.previousClose == price("50"))
        #expect(aapl.quote.change == price("0"))
        #expect((aapl.quote.dayHigh, aapl.quote.dayLow, aapl.quote.volume) == (nil, nil, nil))
    }

    @Test("a stored quote from after its day's close keeps its rolled close; days with no price close at the last one")
    func restartAfterClose() {
        let afterClose = Quote(
            price: price("50"), previousClose: price("49.5"), dayHigh: price("51"), dayLow: price("47"),
            asOf: instant("2026-12-02T17:00:00-05:00"))
        var post = OneSecurity(calendar: nyse, last: afterClose, at: "2026-12-03T10:00:00-05:00")
        post.tick("2026-12-03T10:00:00-05:00")
        #expect(post.quote.previousClose == price("49.5"))
        #expect(post.quote.dayHigh == nil)
        var older = OneSecurity(calendar: nyse, last: afterClose, at: "2026-12-07T10:00:00-05:00")
        older.tick("2026-12-07T10:00:00-05:00")
        #expect(older.quote.previousClose == price("50"))
    }

    @Test("a security registered a day after the book's last tick starts on its own day, keeping its reference close")
    func lateRegistration() {
        var book = QuoteBook()
        let wednesday = instant("2026-12-02T10:00:00-05:00"), thursday = instant("2026-12-03T10:00:00-05:00")
        book.register(id: 1, calendar: nyse, currency: "USD", last: Quote(price: price("1")), at: wednesday)
        _ = book.apply([], at: wednesday)
        let late = book.register(
            id: 2, calendar: nyse, currency: "USD", last: Quote(price: price("6"), previousClose: price("5")),
            at: thursday)
        let changes = book.apply([], at: thursday)
        #expect(book.quote(at: late)?.previousClose == price("5"))
        #expect(changes.map(\.index) == [0])
    }

    @Test("day high, low and volume accumulate; a provider's figures replace them")
    func accumulation() {
        var aapl = OneSecurity(calendar: nyse, last: nil, at: "2026-12-03T10:00:00-05:00")
        #expect(aapl.book.quote(at: aapl.index) == nil)
        #expect(aapl.tick("2026-12-03T10:00:00-05:00") == nil)
        aapl.tick("2026-12-03T10:01:00-05:00", "20", traded: 100)
        aapl.tick("2026-12-03T10:02:00-05:00", "18", traded: 50)
        aapl.tick("2026-12-03T10:03:00-05:00", "19")
        #expect((aapl.quote.dayHigh, aapl.quote.dayLow, aapl.quote.volume) == (price("20"), price("18"), 150))
        let time = instant("2026-12-03T10:04:00-05:00")
        let provided = QuoteUpdate(index: aapl.index, quote: ProviderQuote(
            price: price("19"), previousClose: price("17"), dayHigh: price("25"), dayLow: price("19.5"),
            dayVolume: 9_000, asOf: instant("2026-12-03T10:03:59-05:00")))
        let change = aapl.book.apply([provided], at: time).first
        #expect((aapl.quote.dayHigh, aapl.quote.dayLow, aapl.quote.volume) == (price("25"), price("19"), 9_000))
        #expect(aapl.quote.previousClose == price("17"))
        #expect(aapl.quote.asOf == instant("2026-12-03T10:03:59-05:00"))
        #expect(change?.fields == [.price, .previousClose, .change, .changePercent, .dayHigh, .dayLow, .volume, .asOf])
        aapl.tick("2026-12-03T10:05:00-05:00", "19", traded: .max)
        #expect(aapl.quote.volume == .max)
    }

    @Test("calendars are shared by identifier; ids keep their index; unknown indices are ignored")
    func registration() {
        var book = QuoteBook()
        // 18:00 in Frankfurt: Xetra has closed, Nasdaq trades.
        let time = instant("2026-12-03T12:00:00-05:00")
        let first = book.register(id: 1, calendar: nyse, currency: "USD", last: nil, at: time)
        let xetra = ExchangeCalendar.for("XETRA", years: Self.years)
        let second = book.register(id: 2, calendar: xetra, currency: "EUR", last: nil, at: time)
        #expect(book.register(id: 1, calendar: nyse, currency: "USD", last: nil, at: time) == first)
        #expect((book.index(of: 2), book.index(of: 3), book.id(at: second), book.count) == (second, nil, 2, 2))
        let changes = book.apply(
            [QuoteUpdate(index: 9, price: price("1")), QuoteUpdate(index: second, price: price("30"))], at: time)
        #expect(changes.map(\.index) == [second])
        #expect(changes.first?.fields == .all)
        #expect(book.quote(at: second)?.marketState == .closed)
        #expect(book.quote(at: second)?.currency == "EUR")
        #expect(book.quote(at: first) == nil)
    }
}
