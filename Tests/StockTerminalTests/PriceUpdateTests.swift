import Foundation
import StockClient
import StockModel
import StockTerminal
import Testing

@Suite("Prices, change since the previous close, connection state")
struct PriceUpdateTests {
    private func prices(_ values: [String: String], kind: PriceMessage.Kind = .prices, stale: [String] = [])
        -> WatchEvent
    {
        .prices(PriceMessage(kind: kind, seq: 1, at: nil, prices: values.mapValues { Price($0)! }, stale: stale),
                receivedAt: Fixtures.start.addingTimeInterval(5))
    }

    @Test("a price update moves the last price; change and % are measured from the previous close, exactly")
    func change() throws {
        var state = Fixtures.main(watchlist: [Fixtures.apple])
        _ = state.update(prices(["AAPL": "188.3676"]))
        let row = try #require(state.watchlist.first)
        #expect(row.lastPrice == Price("188.3676"))
        #expect(row.quote?.price == Price("188.3676"))
        #expect(row.change == Decimal(string: "3.3676"))
        #expect(row.changePercent == Decimal(string: "1.8203"))
        #expect(row.changePercent.map { Formatting.percent($0) } == "+1.82%")
        #expect(row.updatedAt == Fixtures.start.addingTimeInterval(5))
        #expect(state.lastUpdate == Fixtures.start.addingTimeInterval(5))
    }

    @Test("without a previous close there is no change (never one invented from the session's first price)")
    func noPreviousClose() throws {
        var security = Fixtures.microsoft
        security.lastPrice = nil
        var state = Fixtures.main(watchlist: [security])
        _ = state.update(prices(["MSFT": "400"], kind: .snapshot))
        _ = state.update(prices(["MSFT": "380"]))
        let row = try #require(state.watchlist.first)
        #expect(row.lastPrice == Price("380"))
        #expect(row.change == nil && row.changePercent == nil)
    }

    @Test("a price for a ticker of another list changes nothing on screen and asks for nothing")
    func otherListTicker() {
        var state = Fixtures.main(watchlist: [Fixtures.apple])
        let before = state.watchlist
        #expect(state.update(prices(["MSFT": "1"])) == [])
        #expect(state.watchlist == before)
        #expect(state.update(prices(["AAPL": "1"])) == [])
        #expect(state.watchlist.first?.lastPrice == Price("1"))
    }

    @Test("reloading the watchlist keeps the quotes the socket brought")
    func reloadKeepsQuote() {
        var state = Fixtures.main(watchlist: [Fixtures.apple])
        _ = state.update(prices(["AAPL": "190"]))
        _ = state.update(.listItemsLoaded(listID: Fixtures.listID, [Fixtures.apple, Fixtures.microsoft]))
        #expect(state.watchlist.map(\.lastPrice) == [Price("190"), Price("410.25")])
        #expect(state.watchlist.first?.quote?.price == Price("190"))
    }

    @Test("stale tickers are marked until a fresh price comes")
    func stale() {
        var state = Fixtures.main(watchlist: [Fixtures.apple, Fixtures.microsoft])
        _ = state.update(prices(["AAPL": "188"], stale: ["MSFT"]))
        #expect(state.watchlist.map(\.stale) == [false, true])
        _ = state.update(prices(["AAPL": "189"]))
        #expect(state.watchlist.map(\.stale) == [false, true])
        _ = state.update(prices(["MSFT": "411"]))
        #expect(state.watchlist.map(\.stale) == [false, false])
    }

    @Test("reconnecting keeps the prices on screen; the next message makes the connection live again")
    func reconnect() {
        var state = Fixtures.main(watchlist: [Fixtures.apple])
        _ = state.update(prices(["AAPL": "188"]))
        let retry = Fixtures.start.addingTimeInterval(3)
        _ = state.update(.connection(.reconnecting(attempt: 2, retryAt: retry, reason: "connection refused")))
        #expect(state.connection == .reconnecting(attempt: 2, retryAt: retry, reason: "connection refused"))
        #expect(state.watchlist.first?.lastPrice == Price("188"))
        _ = state.update(prices(["AAPL": "189"], kind: .snapshot))
        #expect(state.connection == .live)
    }

    @Test("r in the watchlist reconnects at once while offline, and does nothing while live")
    func reconnectNow() {
        var state = Fixtures.main(watchlist: [Fixtures.apple], focus: .watchlist)
        #expect(state.update(.key(.character("r"))) == [])
        let later = Fixtures.start.addingTimeInterval(12)
        _ = state.update(.connection(.reconnecting(attempt: 5, retryAt: later, reason: "connection refused")))
        #expect(state.update(.key(.character("r"))) == [.reconnect])
        #expect(state.connection == .reconnecting(attempt: 5, retryAt: Fixtures.start, reason: "connection refused"))
    }

    @Test("adding and removing through the server's answers", arguments: [true, false])
    func addRemove(addTwice: Bool) {
        var state = Fixtures.main()
        _ = state.update(.added(Fixtures.apple))
        if addTwice { _ = state.update(.added(Fixtures.apple)) }
        #expect(state.watchlist.map(\.security.ticker) == ["AAPL"])
        #expect(state.notice == Notice("Added AAPL to “Watchlist”"))
        _ = state.update(.removed(id: 1, ticker: "AAPL"))
        #expect(state.watchlist.isEmpty)
        #expect(state.notice == Notice("Removed AAPL"))
        // The re-read list may come before the answer: the notice is the same.
        _ = state.update(.removed(id: 1, ticker: "AAPL"))
        #expect(state.notice == Notice("Removed AAPL"))
        _ = state.update(.actionFailed("Could not remove AAPL: cannot reach the server"))
        #expect(state.notice?.isError == true)
    }

    @Test("formatting of prices and changes", arguments: [
        ("187.1", "187.10"), ("0.5", "0.50"), ("1.2345", "1.2345"), ("1200", "1200.00"),
    ])
    func formatting(price: String, shown: String) {
        #expect(Formatting.price(Price(price)!) == shown)
    }

    @Test("signed changes")
    func signs() {
        #expect(Formatting.change(Decimal(string: "1.25")!) == "+1.25")
        #expect(Formatting.change(Decimal(string: "-0.075")!) == "-0.075")
        #expect(Formatting.change(0) == "0.00")
        #expect(Formatting.percent(Decimal(string: "-0.001")!) == "0.00%")
        #expect(Formatting.percent(Decimal(string: "12.345")!) == "+12.35%")
    }
}
