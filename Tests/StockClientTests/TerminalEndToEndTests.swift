import Foundation
import StockClient
@testable import StockTerminal
import Testing

/// The terminal's state and effects (its run loop without the terminal) against the real service: keys pressed,
/// requests sent, socket messages received.
struct TerminalDriver {
    var state: WatchState
    private var effects: Effects
    private var events: AsyncStream<SessionEvent>.Iterator

    /// Logged in as `client`'s user: the feed starts as the client's does after a login.
    init(client: StockClient) {
        let (events, sink) = AsyncStream.makeStream(of: SessionEvent.self)
        self.events = events.makeAsyncIterator()
        effects = Effects(client: StockClient(server: client.server), sink: sink, debounce: .milliseconds(10))
        effects.orderDebounce = .milliseconds(50)
        effects.startSession(token: client.token ?? "")
        state = WatchState(server: client.server.absoluteString, page: .main, username: "someone")
        state.focus = .watchlist
    }

    /// Applies events (and carries out their commands) until `done` holds; `false` when the events end first.
    mutating func run(until done: (WatchState) -> Bool) async -> Bool {
        while !done(state) {
            guard let event = await events.next() else { return false }
            guard case .watch(let watchEvent) = event else { continue }
            state.update(watchEvent).forEach { effects.execute($0) }
        }
        return true
    }

    /// Presses keys, carrying out what they ask for.
    mutating func press(_ keys: [Key]) {
        for key in keys { state.update(.key(key)).forEach { effects.execute($0) } }
    }

    mutating func stop() { effects.stopAll() }
}

@Suite("The terminal against the service: alerts fire, lists follow other clients, moves are kept")
struct TerminalEndToEndTests {
    @Test("an alert set with the form fires on the next tick; the status line says so and the row is highlighted",
          .timeLimit(.minutes(1)))
    func alertFires() async throws {
        try await LocalServer.run { anonymous in
            let client = try await LocalServer.user("tess", on: anonymous)
            let apple = try #require(try await client.search(query: "AAPL", limit: 1).first { $0.ticker == "AAPL" })
            try await client.add(id: apple.id)
            var terminal = TerminalDriver(client: client)
            defer { terminal.stop() }
            #expect(await terminal.run { $0.connection == .live && $0.lastUpdate != nil && $0.selectedWatchRow != nil })
            // price below 1,000,000: holds already, so it fires at the next tick though the price may not move.
            terminal.press([.character("a"), .tab] + Array("1000000").map(Key.character) + [.enter])
            #expect(await terminal.run { $0.firedHighlight != nil })
            let state = terminal.state
            #expect(state.notice?.text.hasPrefix("Alert: AAPL price below 1000000, fired at ") == true)
            #expect(state.firedHighlight?.securityID == apple.id)
            let lines = Screen(width: 100, height: 16).render(state)
            let row = try #require(lines.first { $0.plainText.contains("AAPL ") && $0.plainText.hasPrefix("▸") })
            #expect(row.spans.allSatisfy { $0.style.foreground == .yellow && $0.style.reverse })
            let stored = try #require(try await client.alerts().first)
            #expect(stored.fired && stored.price != nil)
            #expect(state.alerts.first { $0.id == stored.id }?.price == stored.price)
        }
    }

    @Test("a list made by another client appears as a tab (lists_changed); a move is kept by the server",
          .timeLimit(.minutes(1)))
    func listsFollowAndMovesAreKept() async throws {
        try await LocalServer.run { anonymous in
            let client = try await LocalServer.user("uma", on: anonymous)
            for ticker in ["AAPL", "MSFT"] {
                let id = try #require(try await client.search(query: ticker, limit: 1).first { $0.ticker == ticker }).id
                try await client.add(id: id)
            }
            var terminal = TerminalDriver(client: client)
            defer { terminal.stop() }
            #expect(await terminal.run { $0.connection == .live && $0.watchlist.count == 2 })
            _ = try await client.createWatchlist(name: "Elsewhere")
            #expect(await terminal.run { $0.lists.map(\.name) == ["Watchlist", "Elsewhere"] })

            terminal.press([.shiftDown])
            #expect(terminal.state.watchlist.map(\.security.ticker) == ["MSFT", "AAPL"])
            // Saved (debounced), then read back after the server's lists_changed: the order stays.
            #expect(await terminal.run { $0.orderGeneration == $0.savedOrderGeneration })
            #expect(try await client.watchlist().map(\.ticker) == ["MSFT", "AAPL"])
            #expect(terminal.state.watchlist.map(\.security.ticker) == ["MSFT", "AAPL"])

            // The server refuses deleting the last list: its message is in the status line.
            terminal.press([.character("]"), .character("D"), .character("y")])
            #expect(await terminal.run { $0.lists.count == 1 })
            terminal.press([.character("D"), .character("y")])
            #expect(await terminal.run { $0.notice?.text.hasPrefix("Could not delete") == true })
            #expect(terminal.state.notice?.isError == true)
            #expect(terminal.state.notice?.text.hasPrefix("Could not delete the list “Watchlist”: ") == true)
        }
    }
}
