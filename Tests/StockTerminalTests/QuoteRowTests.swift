import Foundation
import StockClient
import StockModel
import StockQuotes
import Testing
@testable import StockTerminal

@Suite("Watchlist rows: quotes, market state, sparklines, sorting")
struct QuoteRowTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// A watchlist of three with quotes in every market state but one, and a history for Apple.
    static func state() -> WatchState {
        var toyota = Fixtures.toyota
        toyota.quote = Quote(
            price: Price("2845")!, previousClose: Price("2900")!, dayHigh: Price("2910")!, dayLow: Price("2831.5")!,
            currency: "JPY", marketState: .closed)
        var microsoft = Fixtures.microsoft
        microsoft.quote = Quote(price: Price("410.25")!, previousClose: Price("410.25")!, currency: "USD",
                                marketState: .pre)
        var state = Fixtures.main(watchlist: [Fixtures.apple, toyota, microsoft], focus: .watchlist)
        let points = ["186", "186.5", "185.5", "187", "188", "187.5"].enumerated().map {
            HistoryPoint(time: Fixtures.start.addingTimeInterval(Double($0.offset) * 300), price: Price($0.element)!)
        }
        _ = state.update(.history(id: 1, points: points))
        return state
    }

    @Test("a captured frame at 120 columns: change vs previous close, day range, badge, currency, sparkline")
    func frame() {
        let lines = Screen(width: 120, height: 12, timeZone: Self.utc).render(Self.state()).map(\.plainText)
        let trimmed = lines[4...8].map { String($0.reversed().drop { $0 == " " }.reversed()) }
        #expect(trimmed == [
            " Watchlist (3)",
            "  Ticker   Name                           Last    Change    Chg %             Day range State  Cur Day           Updated",
            "▸ AAPL     Apple Inc.                   187.12     +2.12   +1.15%         185.25–188.50 OPEN   USD ▂▃▁▅█▆▅",
            "  7203     トヨタ自動車株式会社        2845.00    -55.00   -1.90%       2831.50–2910.00 CLOSED JPY ▄",
            "  MSFT     Microsoft Corporation        410.25      0.00    0.00%                       PRE    USD ▄",
        ])
    }

    @Test("every row fits the screen at every width; the optional columns go in order", arguments: [40, 59, 60, 61, 80, 98, 99, 100, 107, 108, 120, 200])
    func widths(width: Int) {
        let lines = Screen(width: width, height: 12, timeZone: Self.utc).render(Self.state())
        #expect(lines.allSatisfy { $0.width == width })
        let header = lines[5].plainText
        #expect(header.contains("Chg %") == (width >= 41))
        #expect(header.contains("Updated") == (width >= 108))
        #expect(header.contains("Day range") == (width >= 99))
        #expect(header.contains("State") == (width >= 60))
    }

    @Test("the socket's quote fields update the row: previous close, day range and market state")
    func quoteDelta() throws {
        var state = Self.state()
        let delta = try JSONDecoder().decode(QuoteDelta.self, from: Data(
            #"{"price":189,"day_high":189,"market_state":"post","previous_close":190}"#.utf8))
        _ = state.update(.prices(
            PriceMessage(kind: .prices, seq: 2, at: nil, prices: ["AAPL": Price("189")!], quotes: ["AAPL": delta]),
            receivedAt: Fixtures.start))
        let row = try #require(state.watchlist.first)
        #expect(row.quote == Quote(
            price: Price("189")!, previousClose: Price("190")!, dayHigh: Price("189")!, dayLow: Price("185.25")!,
            volume: 52_000_000, currency: "USD", marketState: .post))
        #expect(row.change == -1)
        let line = Screen(width: 120, height: 12, timeZone: Self.utc).render(state)[6].plainText
        #expect(line.contains("189.00     -1.00   -0.53%         185.25–189.00 POST"))
    }

    @Test("s cycles the sort, own order first; the selection stays on its security")
    func sorting() {
        var state = Self.state()
        state.selectedRow = 2  // MSFT
        var orders = [[String]]()
        for _ in 0..<6 {
            orders.append(state.rows.map(\.security.ticker))
            #expect(state.selectedWatchRow?.security.ticker == "MSFT")
            _ = state.update(.key(.character("s")))
        }
        #expect(orders == [
            ["AAPL", "7203", "MSFT"],  // own
            ["7203", "AAPL", "MSFT"],  // ticker
            ["AAPL", "MSFT", "7203"],  // name
            ["7203", "MSFT", "AAPL"],  // last price, highest first
            ["AAPL", "MSFT", "7203"],  // change %, highest first
            ["AAPL", "7203", "MSFT"],  // own again
        ])
        #expect(state.notice == Notice("Sorted by ticker"))
        let lines = Screen(width: 120, height: 12, timeZone: Self.utc).render(state).map(\.plainText)
        #expect(lines[4].hasPrefix(" Watchlist (3) · sorted by ticker  "))
        #expect(lines[5].hasPrefix("  Ticker▼"))
        #expect(state.update(.key(.character("d"))) == [.remove(id: 4, ticker: "MSFT", listID: Fixtures.listID)])
    }

    @Test("histories are asked for at a bounded rate: two a second, each row again a minute later")
    func historyRate() {
        var state = Fixtures.main(watchlist: [Fixtures.apple, Fixtures.toyota, Fixtures.microsoft])
        let second = { (offset: Double) in state.update(.tick(Fixtures.start.addingTimeInterval(offset))) }
        #expect(second(1) == [.fetchHistory(id: 1), .fetchHistory(id: 3)])
        #expect(second(2) == [.fetchHistory(id: 4)])
        #expect(second(3) == [])
        #expect(second(60) == [])
        #expect(second(61) == [.fetchHistory(id: 1), .fetchHistory(id: 3)])
        var login = WatchState(server: "http://127.0.0.1:8080", page: .login, now: Fixtures.start)
        #expect(login.update(.tick(Fixtures.start)) == [])
    }

    @Test("sparklines: scaled from low to high, the latest price last, flat at mid height, bounded by the width")
    func sparklines() {
        let prices = { (values: [Int64]) in values.map { Price(tenThousandths: $0) } }
        #expect(Sparkline.line(prices([1, 2, 3, 4, 5, 6, 7, 8]), width: 10) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.line(prices([8, 7, 6, 5, 4, 3, 2, 1]), width: 4) == "█▅▃▁")
        #expect(Sparkline.line(prices([5, 5, 5]), width: 10) == "▄▄▄")
        #expect(Sparkline.line(prices(Array(0..<400)), width: 12).count == 12)
        #expect(Sparkline.line(prices(Array(0..<400)), width: 12).last == "█")
        #expect(Sparkline.line(prices([.min, .max, 0]), width: 3) == "▁█▄")
        #expect(Sparkline.line([], width: 5) == "" && Sparkline.line(prices([1]), width: 0) == "")
    }

    @Test("market-state badges", arguments: [
        (MarketState.pre, "PRE"), (.regular, "OPEN"), (.post, "POST"), (.closed, "CLOSED"),
    ])
    func badges(state: MarketState, text: String) {
        #expect(Screen.badge(state).text == text)
    }
}
