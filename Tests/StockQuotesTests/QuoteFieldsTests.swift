import Foundation
import StockCalendar
import StockModel
import Testing
import StockQuotes

@Suite("Quote diffs")
struct QuoteFieldsTests {
    let before = Quote(
        price: price("100"), previousClose: price("99"), dayHigh: price("101"), dayLow: price("98"), volume: 500,
        currency: "USD", marketState: .regular, asOf: instant("2026-12-03T15:00:00Z"))

    @Test("no old quote: every field")
    func firstQuote() {
        #expect(before.fieldsChanged(since: nil) == .all)
        #expect(before.deltaFields(since: nil) == .all)
        #expect(QuoteFields.jsonKeys.count == 10)
        #expect(QuoteFields.jsonKeys.reduce(into: QuoteFields()) { $0.formUnion($1.field) } == .all)
    }

    @Test("a new price changes change and change percent, and a new high; the rest stays out")
    func priceMove() {
        var after = before
        after.price = price("102")
        after.dayHigh = price("102")
        after.asOf = instant("2026-12-03T15:00:05Z")
        #expect(after.fieldsChanged(since: before) == [.price, .change, .changePercent, .dayHigh, .asOf])
        #expect(after.deltaFields(since: before) == [.price, .change, .changePercent, .dayHigh, .asOf])
    }

    @Test("only market_state or only previous_close changed: a delta is due, with the unchanged price")
    func stateOrCloseOnly() {
        var closed = before
        closed.marketState = .post
        #expect(closed.deltaFields(since: before) == [.price, .marketState])
        var rolled = before
        rolled.previousClose = price("100")
        #expect(rolled.deltaFields(since: before) == [.price, .previousClose, .change, .changePercent])
    }

    @Test("nothing but as_of changed, or nothing at all: no message")
    func nothingDue() {
        var refreshed = before
        refreshed.asOf = instant("2026-12-03T15:00:05Z")
        #expect(refreshed.fieldsChanged(since: before) == [.asOf])
        #expect(refreshed.deltaFields(since: before) == nil)
        #expect(before.deltaFields(since: before) == nil)
    }

    @Test("a move too small to change the rounded percent leaves change_percent out")
    func roundedPercentUnchanged() {
        let big = Quote(price: price("100000"), previousClose: price("100000"))
        var moved = big
        moved.price = Price(tenThousandths: big.price.tenThousandths + 1)
        #expect(moved.fieldsChanged(since: big) == [.price, .change])
    }
}
