import StockClient
import Testing
import StockTerminal

@Suite("Key handling: focus, selection bounds, commands")
struct KeyHandlingTests {
    @Test("typing in the search bar searches for each new query; q types a q there")
    func typing() {
        var state = Fixtures.main()
        let commands = Fixtures.type(Fixtures.characters("aq"), into: &state)
        #expect(commands == [.search("a"), .search("aq")])
        #expect(state.search.query == "aq")
        #expect(state.search.pending)
        #expect(Fixtures.type([.backspace, .backspace], into: &state) == [.search("a"), .cancelSearch])
        #expect(state.search.query.isEmpty)
        #expect(!state.search.pending)
    }

    @Test("results for an older query are dropped")
    func lateResults() {
        var state = Fixtures.main()
        _ = Fixtures.type(Fixtures.characters("app"), into: &state)
        _ = state.update(.searchResults(query: "ap", results: [Fixtures.apple]))
        #expect(state.search.results.isEmpty)
        _ = state.update(.searchResults(query: "app", results: [Fixtures.apple, Fixtures.applied]))
        #expect(state.search.results.count == 2)
        #expect(!state.search.pending)
    }

    @Test("up and down stay within the results; Enter adds the selected one")
    func resultSelection() {
        var state = Fixtures.main()
        _ = Fixtures.type(Fixtures.characters("ap"), into: &state)
        _ = state.update(.searchResults(query: "ap", results: [Fixtures.apple, Fixtures.applied]))
        _ = Fixtures.type([.up, .down, .down, .down], into: &state)
        #expect(state.search.selected == 1)
        #expect(state.update(.key(.enter)) == [.add(Fixtures.applied, listID: Fixtures.listID)])
        _ = Fixtures.type([.up, .up], into: &state)
        #expect(state.search.selected == 0)
        #expect(state.update(.key(.enter)) == [.add(Fixtures.apple, listID: Fixtures.listID)])
    }

    @Test("Enter adds the selected result on screen, even while a newer query is on its way")
    func enterWhilePending() {
        var state = Fixtures.main()
        _ = Fixtures.type(Fixtures.characters("aap"), into: &state)
        _ = state.update(.searchResults(query: "aap", results: [Fixtures.apple]))
        _ = state.update(.key(.character("l")))
        #expect(state.search.pending)
        #expect(state.update(.key(.enter)) == [.add(Fixtures.apple, listID: Fixtures.listID)])
    }

    @Test("Enter on a result already watched adds nothing and says so")
    func alreadyWatched() {
        var state = Fixtures.main(watchlist: [Fixtures.apple])
        _ = Fixtures.type(Fixtures.characters("aapl"), into: &state)
        _ = state.update(.searchResults(query: "aapl", results: [Fixtures.apple]))
        #expect(state.update(.key(.enter)) == [])
        #expect(state.notice?.text == "AAPL is already on the watchlist")
    }

    @Test("Esc and Tab leave the search bar; q quits from the watchlist; / and Tab come back")
    func focus() {
        var state = Fixtures.main()
        #expect(state.update(.key(.escape)) == [])
        #expect(state.focus == .watchlist)
        #expect(state.update(.key(.tab)) == [])
        #expect(state.focus == .search)
        _ = state.update(.key(.tab))
        _ = state.update(.key(.character("/")))
        #expect(state.focus == .search)
        _ = state.update(.key(.escape))
        #expect(state.update(.key(.character("q"))) == [.quit])
    }

    @Test("Ctrl-C quits from anywhere, the login screen too")
    func controlC() {
        var state = Fixtures.main()
        #expect(state.update(.key(.control("c"))) == [.quit])
        state.focus = .watchlist
        #expect(state.update(.key(.control("c"))) == [.quit])
        var login = WatchState(server: "http://x", page: .login)
        #expect(login.update(.key(.control("c"))) == [.quit])
    }

    @Test("watchlist selection stays in bounds; d and Delete remove the selected row")
    func watchlistSelection() {
        var state = Fixtures.main(watchlist: [Fixtures.apple, Fixtures.toyota, Fixtures.microsoft], focus: .watchlist)
        _ = Fixtures.type([.down, .down, .down, .down], into: &state)
        #expect(state.selectedRow == 2)
        #expect(state.update(.key(.character("d"))) == [.remove(id: 4, ticker: "MSFT", listID: Fixtures.listID)])
        _ = state.update(.removed(id: 4, ticker: "MSFT"))
        #expect(state.selectedRow == 1)
        #expect(state.watchlist.map(\.security.ticker) == ["AAPL", "7203"])
        _ = Fixtures.type([.up, .up, .up], into: &state)
        #expect(state.selectedRow == 0)
        #expect(state.update(.key(.delete)) == [.remove(id: 1, ticker: "AAPL", listID: Fixtures.listID)])
    }

    @Test("d on an empty watchlist does nothing; letters there never edit the search")
    func emptyWatchlist() {
        var state = Fixtures.main(focus: .watchlist)
        #expect(state.update(.key(.character("d"))) == [])
        #expect(state.update(.key(.character("m"))) == [])
        #expect(state.focus == .watchlist)
        #expect(state.search.query.isEmpty)
    }

    @Test("? opens help from the watchlist or an empty search bar; any key closes it")
    func help() {
        var state = Fixtures.main()
        _ = state.update(.key(.character("?")))
        #expect(state.showingHelp)
        #expect(state.update(.key(.character("q"))) == [])
        #expect(!state.showingHelp)
        _ = Fixtures.type(Fixtures.characters("a?"), into: &state)
        #expect(!state.showingHelp)
        #expect(state.search.query == "a?")
    }
}
