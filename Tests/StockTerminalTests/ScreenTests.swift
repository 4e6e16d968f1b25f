import Foundation
import StockClient
import StockModel
import Testing
@testable import StockTerminal

@Suite("Rendering: the screen as a pure function of the state")
struct ScreenTests {
    private let screen = Screen(width: 100, height: 24, timeZone: TimeZone(identifier: "UTC")!)

    private func text(_ state: WatchState, _ screen: Screen? = nil) -> [String] {
        (screen ?? self.screen).render(state).map(\.plainText)
    }

    @Test("every line is exactly as wide as the screen, on every page and size", arguments: [
        (100, 24), (40, 10), (120, 40), (61, 13),
    ])
    func exactSize(width: Int, height: Int) {
        let screen = Screen(width: width, height: height, timeZone: TimeZone(identifier: "UTC")!)
        var main = Fixtures.main(watchlist: [Fixtures.apple, Fixtures.toyota, Fixtures.microsoft])
        _ = Fixtures.type(Fixtures.characters("app"), into: &main)
        _ = main.update(.searchResults(query: "app", results: [Fixtures.apple, Fixtures.applied]))
        var help = main
        help.showingHelp = true
        for state in [main, help, WatchState(server: "http://127.0.0.1:8080", page: .login)] {
            let lines = screen.render(state)
            #expect(lines.count == height)
            #expect(lines.allSatisfy { $0.width == width })
        }
    }

    @Test("search results show under the bar, with the matched characters highlighted")
    func searchHighlight() throws {
        var state = Fixtures.main()
        _ = Fixtures.type(Fixtures.characters("appl"), into: &state)
        _ = state.update(.searchResults(query: "appl", results: [Fixtures.apple, Fixtures.applied]))
        let lines = screen.render(state)
        #expect(lines[2].plainText.hasPrefix(" Search › appl"))
        let appleRow = try #require(lines.first { $0.plainText.contains("Apple Inc.") })
        #expect(appleRow.plainText.contains("NASDAQ"))
        #expect(appleRow.plainText.hasSuffix("187.12"))
        // Selected row: reverse video; "AAP" highlighted, the final "L" not.
        #expect(appleRow.spans.contains { $0.text == "AAP" && $0.style == Style.highlight.reversed() })
        #expect(appleRow.spans.contains { $0.text == "L" && !$0.style.underline })
        let appliedRow = try #require(lines.first { $0.plainText.contains("Materials") })
        #expect(appliedRow.spans.contains { $0.text == "Appl" && $0.style == .highlight })
    }

    @Test("leaving the search bar hides the results and gives the room to the watchlist")
    func resultsFollowFocus() {
        var state = Fixtures.main(watchlist: [Fixtures.microsoft])
        _ = Fixtures.type(Fixtures.characters("appl"), into: &state)
        _ = state.update(.searchResults(query: "appl", results: [Fixtures.apple]))
        #expect(text(state).contains { $0.contains("Apple Inc.") })
        _ = state.update(.key(.escape))
        let lines = text(state)
        #expect(!lines.contains { $0.contains("Apple Inc.") })
        #expect(lines[2].contains("appl  press / or Tab for the results"))
        #expect(lines.contains { $0.hasPrefix("▸ MSFT") })
    }

    @Test("highlight ranges are Character offsets, also in Japanese text")
    func japaneseHighlight() {
        let line = screen.highlighted("トヨタ自動車", ranges: [2..<4], base: .plain)
        #expect(line.spans.map(\.text) == ["トヨ", "タ自", "動車"])
        #expect(line.spans.map(\.style) == [.plain, .highlight, .plain])
    }

    @Test("no match and search errors are said in place of results")
    func noMatch() {
        var state = Fixtures.main()
        _ = Fixtures.type(Fixtures.characters("zzz"), into: &state)
        _ = state.update(.searchResults(query: "zzz", results: []))
        #expect(text(state).contains { $0.contains("No match for “zzz”") })
        _ = state.update(.key(.character("z")))
        _ = state.update(.searchFailed(query: "zzzz", error: .unreachable(reason: "connection refused")))
        #expect(text(state).contains { $0.contains("cannot reach the server: connection refused") })
    }

    @Test("watchlist columns line up with Japanese names, long names end with an ellipsis")
    func alignment() throws {
        var state = Fixtures.main(watchlist: [Fixtures.apple, Fixtures.toyota, Fixtures.microsoft])
        _ = state.update(.prices(PriceMessage(kind: .prices, seq: 2, at: nil, prices: ["AAPL": Price("190")!,
                                                                                    "7203": Price("2800")!]),
                                 receivedAt: Fixtures.start.addingTimeInterval(65)))
        let narrow = Screen(width: 60, height: 16, timeZone: TimeZone(identifier: "UTC")!)
        let lines = narrow.render(state)
        let rows = try ["AAPL", "7203", "MSFT"].map { ticker in
            try #require(lines.first { $0.plainText.hasPrefix("  \(ticker)") })
        }
        // The price column ends at the same display column in every row.
        let priceEnds = rows.map { row -> Int in
            let text = row.plainText
            let price = ["190.00", "2800.00", "410.25"].first { text.contains($0) }!
            let range = text.range(of: price)!
            return text[..<range.upperBound].displayWidth
        }
        #expect(Set(priceEnds).count == 1)
        #expect(rows[1].plainText.contains("トヨタ自動 …"))
        #expect(rows[2].plainText.contains("Microsoft C…"))
        #expect(rows[0].plainText.contains("+5.00"))
        #expect(rows[0].plainText.contains("+2.70%"))
        #expect(rows[1].plainText.contains("-45.00"))
        #expect(rows[1].plainText.contains("-1.58%"))
        #expect(rows.allSatisfy { $0.width == 60 })
    }

    @Test("up is green, down red (against the previous close), with the time of the last update")
    func colours() throws {
        var state = Fixtures.main(watchlist: [Fixtures.apple, Fixtures.toyota])
        _ = state.update(.prices(PriceMessage(kind: .prices, seq: 2, at: nil, prices: ["AAPL": Price("190")!,
                                                                                    "7203": Price("2800")!]),
                                 receivedAt: Fixtures.start.addingTimeInterval(65)))
        let lines = Screen(width: 120, height: 24, timeZone: TimeZone(identifier: "UTC")!).render(state)
        let apple = try #require(lines.first { $0.plainText.hasPrefix("  AAPL") })
        let toyota = try #require(lines.first { $0.plainText.hasPrefix("  7203") })
        #expect(apple.spans.contains { $0.text.contains("+5.00") && $0.style.foreground == .green })
        #expect(toyota.spans.contains { $0.text.contains("-45.00") && $0.style.foreground == .red })
        #expect(apple.plainText.hasSuffix("07:01:05"))
    }

    @Test("the status line says live, reconnecting with a countdown, and stale data")
    func statusLine() {
        var state = Fixtures.main(watchlist: [Fixtures.apple])
        _ = state.update(.prices(PriceMessage(kind: .snapshot, seq: 1, at: nil, prices: ["AAPL": Price("187")!]),
                                 receivedAt: Fixtures.start))
        #expect(text(state).last!.contains("● live · updated 07:00:00"))
        _ = state.update(.connection(.reconnecting(attempt: 3, retryAt: Fixtures.start.addingTimeInterval(4),
                                                   reason: "connection refused")))
        let status = text(state).last!
        #expect(status.contains("offline (connection refused) · retry in 4s, attempt 3 · stale data from 07:00:00"))
        #expect(status.hasSuffix("^C quit "))
    }

    @Test("the login screen never shows the password")
    func loginHidesPassword() {
        var state = WatchState(server: "http://127.0.0.1:8080", page: .login)
        _ = Fixtures.type(Fixtures.characters("alice") + [.enter] + Fixtures.characters("hunter2"), into: &state)
        let lines = text(state)
        #expect(lines.contains { $0.contains("Log in to http://127.0.0.1:8080") })
        #expect(lines.contains { $0.contains("Username") && $0.contains("alice") })
        #expect(!lines.joined().contains("hunter2"))
        #expect(lines.contains { $0.contains("Password") && $0.contains("(hidden)") })
        #expect(!lines.contains { $0.contains("TOTP") })
        _ = state.update(.key(.enter))
        _ = state.update(.loginFailed(.totpRequired(message: "TOTP code required")))
        #expect(text(state).contains { $0.contains("TOTP code") })
    }

    @Test("a screen too small says so instead of drawing garbage")
    func tooSmall() {
        let lines = Screen(width: 30, height: 5).render(Fixtures.main())
        #expect(lines.count == 5)
        #expect(lines[0].plainText.hasPrefix("Terminal too small"))
    }
}
