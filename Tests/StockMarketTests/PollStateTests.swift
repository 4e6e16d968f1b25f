import Foundation
import StockModel
import StockQuotes
import Testing
@testable import StockMarket

@Suite("Poll state: the trading day")
struct PollStateTests {
    /// 2026-12-02, a Wednesday: New York is UTC-5.
    static func newYork(_ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
        let seconds: Int = (day - 2) * 86_400 + (hour + 5) * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: 1_796_169_600 + Double(seconds))
    }

    static let apple = Security(
        id: 1, ticker: "AAPL", name: "Apple", exchange: "NASDAQ", currency: "USD", lastPrice: Price("100"),
        quote: QuoteFigures(previousClose: Price("95")))

    @Test("the reference close carries, the day's range and volume accumulate, the close rolls at 16:00 New York, and the next day starts empty")
    func tradingDay() throws {
        var state = PollState(seq: 0, staleAfter: 3, calendars: QuoteCalendars(.exchange))
        state.load([Self.apple], at: Self.newYork(2, 15, 58))
        state.prepare(at: Self.newYork(2, 15, 58))
        #expect(state.securities[0].quote.marketState == .regular)
        let first = state.apply([1: ProviderQuote(price: Price("101")!, tradedVolume: 300)], at: Self.newYork(2, 15, 59))
        let quote = try #require(first.changes.first?.quote)
        #expect(first.changes.map(\.price) == [Price("101")!])
        #expect(quote.previousClose == Price("95"))
        #expect(quote.dayHigh == Price("101"))
        #expect(quote.volume == 300)
        _ = state.apply([1: ProviderQuote(price: Price("99.5")!, tradedVolume: 200)], at: Self.newYork(2, 15, 59, 30))

        // 16:00:05: no quote moved, yet the close rolls over and the state turns to post.
        state.prepare(at: Self.newYork(2, 16, 0, 5))
        let closing = state.apply([1: ProviderQuote(price: Price("99.5")!)], at: Self.newYork(2, 16, 0, 5))
        let rolled = try #require(closing.changes.first?.quote)
        #expect(rolled.previousClose == Price("99.5"))
        #expect(rolled.marketState == .post)
        #expect(rolled.dayHigh == Price("101"))
        #expect(rolled.dayLow == Price("99.5"))
        #expect(rolled.volume == 500)

        // Thursday 04:00: the pre-market opens a new day, its figures empty until the first trade.
        let opening = state.apply([:], at: Self.newYork(3, 4, 0, 1))
        let fresh = try #require(opening.changes.first?.quote)
        #expect(fresh.marketState == .pre)
        #expect(fresh.previousClose == Price("99.5"))
        #expect(fresh.dayHigh == nil && fresh.dayLow == nil && fresh.volume == nil)
        #expect(opening.changes.first?.price == Price("99.5"))
    }

    @Test("a quote stored before a restart keeps its day; one from a past day rolls on the first tick")
    func restart() throws {
        var stored = Self.apple
        stored.quote = QuoteFigures(
            previousClose: Price("95"), dayHigh: Price("104"), dayLow: Price("99"), volume: 9_000,
            marketState: .regular, asOf: Self.newYork(2, 15, 30))
        var sameDay = PollState(seq: 10, staleAfter: 3, calendars: QuoteCalendars(.exchange))
        sameDay.load([stored], at: Self.newYork(2, 15, 45))
        let tick = sameDay.apply([:], at: Self.newYork(2, 15, 46))
        // Registered just now: the first tick carries the whole quote once, as it was.
        #expect(tick.changes.first?.quote == stored.quote)
        #expect(sameDay.apply([:], at: Self.newYork(2, 15, 47)).changes.isEmpty)

        var nextDay = PollState(seq: 10, staleAfter: 3, calendars: QuoteCalendars(.exchange))
        nextDay.load([stored], at: Self.newYork(3, 10, 0))
        let rolled = try #require(nextDay.apply([:], at: Self.newYork(3, 10, 0, 1)).changes.first?.quote)
        #expect(rolled.previousClose == Price("100"))
        #expect(rolled.dayHigh == nil && rolled.volume == nil)
    }

    @Test("always-open reports regular at night and on weekends, and a security without a price is left out")
    func alwaysOpen() {
        var state = PollState(seq: 0, staleAfter: 3)
        let unpriced = Security(id: 2, ticker: "NEW", name: "New", exchange: "NYSE")
        state.load([Self.apple, unpriced], at: Self.newYork(5, 23, 0))  // a Saturday night
        state.prepare(at: Self.newYork(5, 23, 0))
        #expect(state.securities.map(\.quote.marketState) == [.regular, .regular])
        let tick = state.apply([:], at: Self.newYork(5, 23, 1))
        #expect(tick.changes.map(\.securityID) == [1])
        #expect(tick.changes.first?.quote?.marketState == .regular)
    }
}
