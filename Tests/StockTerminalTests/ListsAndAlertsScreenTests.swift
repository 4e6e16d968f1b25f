import Foundation
import StockClient
import StockModel
import StockQuotes
import Testing
@testable import StockTerminal

@Suite("Rendering the tabs, the prompts, the alert form, the alerts view and a fired row")
struct ListsAndAlertsScreenTests {
    private static let utc = TimeZone(identifier: "UTC")!

    private static func state(lists: [String] = ["Watchlist", "Tech", "Cars"]) -> WatchState {
        var state = ListKeysTests.state()
        _ = state.update(.listsLoaded(lists.enumerated().map {
            WatchlistInfo(id: Fixtures.listID + Int64($0.offset), name: $0.element, count: 0)
        }))
        return state
    }

    @Test("the tabs line: every list, the active one in reverse video, with the keys when there is room")
    func tabs() throws {
        let lines = Screen(width: 100, height: 16, timeZone: Self.utc).render(Self.state())
        #expect(lines[1].plainText.hasPrefix("   Watchlist │ Tech │ Cars   [ ] switch · n new · R rename · D delete"))
        let active = try #require(lines[1].spans.first { $0.style.reverse })
        #expect(active.text == " Watchlist ")
        #expect(lines[4].plainText.hasPrefix(" Watchlist (3)"))
    }

    @Test("narrow screens keep the active tab, mark hidden ones with ‹ ›, cut a long name", arguments: [40, 50, 61])
    func narrowTabs(width: Int) throws {
        let names = ["Watchlist", "Technology and semiconductors", "Cars", "Bonds", "Energy", "Japan", "Europe"]
        var state = Self.state(lists: names)
        for _ in 0..<3 { _ = state.update(.key(.character("]"))) }
        let line = Screen(width: width, height: 16, timeZone: Self.utc).render(state)[1]
        #expect(line.width == width)
        #expect(line.spans.first { $0.style.reverse }?.text == " Bonds ")
        #expect(line.plainText.hasPrefix(" ‹"))
        #expect(line.plainText.contains("›") == (width != 50))
        #expect(!line.plainText.contains("semiconductors"))
    }

    @Test("the prompts take the notice line")
    func prompts() {
        var state = Self.state()
        let screen = Screen(width: 100, height: 16, timeZone: Self.utc)
        _ = Fixtures.type([.character("n")] + Fixtures.characters("Bonds"), into: &state)
        #expect(screen.render(state)[14].plainText.hasPrefix(" New list name: Bonds   Enter create · Esc cancel"))
        #expect(screen.render(state)[15].plainText.hasSuffix("Enter confirm · Esc cancel "))
        _ = Fixtures.type([.escape, .character("D")], into: &state)
        #expect(screen.render(state)[14].plainText.hasPrefix(" Delete the list “Watchlist” and its securities? y/N"))
    }

    @Test("the alert form: the chosen condition in reverse video, the value, what is wrong with it")
    func alertForm() throws {
        var state = Self.state()
        _ = Fixtures.type([.character("a"), .tab] + Fixtures.characters(".5x") + [.enter], into: &state)
        let lines = Screen(width: 120, height: 20, timeZone: Self.utc).render(state)
        let text = lines.map(\.plainText)
        #expect(text[3].hasPrefix(" New alert on AAPL (last 187.12)"))
        #expect(text[4].hasPrefix("   Condition  1 price above  2 price below  3 change % above  4 change % below"))
        #expect(lines[4].spans.first { $0.style.reverse }?.text == " 2 price below ")
        #expect(text[5].hasPrefix(" ▸ Value      .5   “.5” is not a number with at most 4 decimals"))
        #expect(text[6].hasPrefix("   Tab cycles the condition (or ↑ and 1-4) · Enter set · Esc cancel"))
        #expect(text.contains { $0.hasPrefix("▸ AAPL") })
    }

    @Test("the alerts view lists waiting and fired alerts, with the fired price and time")
    func alertsView() {
        var state = Self.state()
        _ = state.update(.key(.character("A")))
        _ = state.update(.alertsLoaded([
            AlertKeysTests.fired,
            PriceAlert(id: 8, securityID: 1, ticker: "AAPL", condition: .changePercentBelow,
                       value: Percent(tenThousandths: -20_000)),
        ]))
        let lines = Screen(width: 100, height: 16, timeZone: Self.utc).render(state)
        let text = lines.map { String($0.plainText.reversed().drop { $0 == " " }.reversed()) }
        #expect(Array(text[1...4]) == [
            " Alerts (2, 1 waiting)",
            "  Ticker   Condition                   Status",
            "▸ MSFT     price above 400             fired at 410.25 · 07:00:30",
            "  AAPL     change % below -2 %         waiting",
        ])
        #expect(lines[3].spans.allSatisfy { $0.style.reverse })
        #expect(lines.last?.plainText.contains("x delete") == true)
    }

    @Test("the row of a fired alert is yellow with a ! until the next key")
    func firedRow() throws {
        var state = Self.state()
        _ = state.update(.alertFired(AlertKeysTests.fired))
        let screen = Screen(width: 100, height: 16, timeZone: Self.utc)
        let lines = screen.render(state)
        let row = try #require(lines.first { $0.plainText.hasPrefix("! MSFT") })
        #expect(row.spans.allSatisfy { $0.style.foreground == .yellow && $0.style.bold })
        #expect(lines[14].plainText.hasPrefix(" Alert: MSFT price above 400, fired at 410.25"))
        _ = state.update(.key(.up))
        #expect(screen.render(state).contains { $0.plainText.hasPrefix("  MSFT") })
        #expect(screen.render(state).allSatisfy { $0.width == 100 })
    }

    @Test("with the form, the alerts view, a prompt or a fired row, every line is exactly as wide as the screen",
          arguments: [(40, 10), (61, 13), (100, 24)])
    func exactSize(width: Int, height: Int) {
        let screen = Screen(width: width, height: height, timeZone: Self.utc)
        var form = Self.state()
        _ = Fixtures.type([.character("a")] + Fixtures.characters("12.5"), into: &form)
        var alerts = Self.state()
        _ = alerts.update(.key(.character("A")))
        _ = alerts.update(.alertsLoaded([AlertKeysTests.fired]))
        var prompt = Self.state()
        _ = Fixtures.type([.character("n")] + Fixtures.characters(String(repeating: "長い名前", count: 8)), into: &prompt)
        var fired = Self.state()
        _ = fired.update(.alertFired(AlertKeysTests.fired))
        for state in [form, alerts, prompt, fired] {
            let lines = screen.render(state)
            #expect(lines.count == height)
            #expect(lines.allSatisfy { $0.width == width })
        }
    }

    @Test("the help lists the new keys")
    func help() {
        var state = Self.state()
        _ = state.update(.key(.character("?")))
        let text = Screen(width: 120, height: 30, timeZone: Self.utc).render(state).map(\.plainText).joined()
        for key in ["[ ]", "n, R, D", "Shift-↑↓, K J", "the alerts view"] { #expect(text.contains(key)) }
    }
}
