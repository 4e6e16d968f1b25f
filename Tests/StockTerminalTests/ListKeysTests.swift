import Foundation
import StockClient
import Testing
@testable import StockTerminal

@Suite("Lists as tabs: switching, creating, renaming, deleting, moving rows")
struct ListKeysTests {
    static let tech = WatchlistInfo(id: 11, name: "Tech", count: 1)
    static let cars = WatchlistInfo(id: 12, name: "Cars", count: 0)

    /// Three lists, the first active with Apple, Toyota and Microsoft, keys on the watchlist.
    static func state() -> WatchState {
        var state = Fixtures.main(watchlist: [Fixtures.apple, Fixtures.toyota, Fixtures.microsoft], focus: .watchlist)
        let first = WatchlistInfo(id: Fixtures.listID, name: "Watchlist", count: 3)
        #expect(state.update(.listsLoaded([first, tech, cars])) == [.loadList(id: Fixtures.listID)])
        return state
    }

    @Test("] and [ switch lists (wrapping), show the rows seen before at once and read them again")
    func switching() {
        var state = Self.state()
        #expect(state.update(.key(.character("]"))) == [.loadList(id: 11)])
        #expect(state.activeListID == 11 && state.watchlist.isEmpty && state.selectedRow == 0)
        _ = state.update(.listItemsLoaded(listID: 11, [Fixtures.applied]))
        // An answer for a list not on screen changes only its count.
        _ = state.update(.listItemsLoaded(listID: Fixtures.listID, [Fixtures.apple]))
        #expect(state.watchlist.map(\.security.ticker) == ["AMAT"])
        #expect(state.lists[0].count == 1)
        #expect(state.update(.key(.character("["))) == [.loadList(id: Fixtures.listID)])
        #expect(state.watchlist.map(\.security.ticker) == ["AAPL", "7203", "MSFT"])
        #expect(state.update(.key(.character("["))) == [.loadList(id: 12)])
        #expect(state.activeList == Self.cars)
        // Searching, [ is typed.
        state.focus = .search
        _ = state.update(.key(.character("[")))
        #expect(state.search.query == "[" && state.activeListID == 12)
    }

    @Test("n asks for a name (Esc cancels, an empty one is refused); the new list becomes the active one")
    func create() {
        var state = Self.state()
        _ = state.update(.key(.character("n")))
        #expect(state.prompt == .create(name: ""))
        #expect(state.update(.key(.enter)) == [])
        #expect(state.notice?.isError == true && state.prompt != nil)
        _ = state.update(.key(.escape))
        #expect(state.prompt == nil)
        _ = state.update(.key(.character("n")))
        let commands = Fixtures.type(Fixtures.characters(" Bonds x") + [.backspace, .enter], into: &state)
        #expect(commands == [.createList(name: "Bonds")])
        #expect(state.prompt == nil)
        _ = state.update(.listCreated(WatchlistInfo(id: 13, name: "Bonds", count: 0)))
        #expect(state.activeListID == 13 && state.watchlist.isEmpty)
        #expect(state.lists.map(\.name) == ["Watchlist", "Tech", "Cars", "Bonds"])
        #expect(state.notice == Notice("Created the list “Bonds”"))
    }

    @Test("R renames the active list, starting from its name")
    func rename() {
        var state = Self.state()
        _ = state.update(.key(.character("R")))
        #expect(state.prompt == .rename(id: Fixtures.listID, name: "Watchlist"))
        let keys: [Key] = [.control("u")] + Fixtures.characters("Main") + [.enter]
        #expect(Fixtures.type(keys, into: &state) == [.renameList(id: Fixtures.listID, name: "Main")])
        _ = state.update(.listRenamed(WatchlistInfo(id: Fixtures.listID, name: "Main", count: 3)))
        #expect(state.activeList?.name == "Main")
    }

    @Test("D asks y/N: only y deletes; the neighbour becomes active; the server's refusal is shown")
    func delete() {
        var state = Self.state()
        _ = state.update(.key(.character("D")))
        #expect(state.prompt == .confirmDelete(id: Fixtures.listID, name: "Watchlist"))
        #expect(state.update(.key(.character("n"))) == [])
        #expect(state.prompt == nil && state.lists.count == 3)
        _ = state.update(.key(.character("D")))
        #expect(state.update(.key(.character("y"))) == [.deleteList(id: Fixtures.listID, name: "Watchlist")])
        #expect(state.update(.listDeleted(id: Fixtures.listID, name: "Watchlist")) == [.loadList(id: 11)])
        #expect(state.activeListID == 11 && state.lists.map(\.id) == [11, 12])
        #expect(state.notice == Notice("Deleted the list “Watchlist”"))
        // The answer to a deletion the re-read lists showed already: only the notice.
        #expect(state.update(.listDeleted(id: Fixtures.listID, name: "Watchlist")) == [])
        _ = state.update(.actionFailed("Could not delete the list “Tech”: you cannot delete your last list"))
        #expect(state.notice == Notice("Could not delete the list “Tech”: you cannot delete your last list",
                                       isError: true))
    }

    @Test("Shift+↑↓ and K J move the selected row and save the order; not while sorted by another column")
    func move() {
        var state = Self.state()
        #expect(state.update(.key(.shiftDown)) == [.saveOrder(listID: Fixtures.listID, ids: [3, 1, 4], generation: 1)])
        #expect(state.selectedRow == 1)
        #expect(state.update(.key(.character("J"))) == [.saveOrder(listID: Fixtures.listID, ids: [3, 4, 1], generation: 2)])
        #expect(state.update(.key(.character("J"))) == [])  // the last row stays last
        #expect(state.update(.key(.shiftUp)) == [.saveOrder(listID: Fixtures.listID, ids: [3, 1, 4], generation: 3)])
        #expect(state.update(.key(.character("K"))) == [.saveOrder(listID: Fixtures.listID, ids: [1, 3, 4], generation: 4)])
        #expect(state.selectedRow == 0)
        _ = state.update(.key(.character("s")))
        #expect(state.update(.key(.character("J"))) == [])
        #expect(state.notice?.isError == true)
    }

    @Test("until the newest move is saved, a re-read list keeps the order on screen; a refusal reads it again")
    func unsavedOrderSurvivesReload() {
        var state = Self.state()
        _ = state.update(.key(.shiftDown))
        _ = state.update(.key(.shiftDown))
        let server = [Fixtures.apple, Fixtures.toyota, Fixtures.microsoft]
        _ = state.update(.orderSaved(generation: 1, error: nil))  // an older move: the newest still waits
        _ = state.update(.listItemsLoaded(listID: Fixtures.listID, server))
        #expect(state.watchlist.map(\.id) == [3, 4, 1])
        _ = state.update(.orderSaved(generation: 2, error: nil))
        _ = state.update(.listItemsLoaded(listID: Fixtures.listID, server))
        #expect(state.watchlist.map(\.id) == [1, 3, 4])
        _ = state.update(.key(.character("J")))
        #expect(state.update(.orderSaved(generation: 3, error: "the ids must be exactly the list's"))
            == [.loadList(id: Fixtures.listID)])
        #expect(state.notice?.isError == true)
        _ = state.update(.listItemsLoaded(listID: Fixtures.listID, server))
        #expect(state.watchlist.map(\.id) == [1, 3, 4])
    }

    @Test("lists_changed reads the lists again; a list deleted elsewhere gives way to the first, rows kept until read")
    func listsChanged() {
        var state = Self.state()
        _ = state.update(.key(.character("]")))
        _ = state.update(.listItemsLoaded(listID: 11, [Fixtures.applied]))
        #expect(state.update(.listsChanged) == [.loadLists])
        // Same lists: the rows stay on screen while the list is read again (no flicker).
        let first = WatchlistInfo(id: Fixtures.listID, name: "Watchlist", count: 3)
        #expect(state.update(.listsLoaded([first, Self.tech, Self.cars])) == [.loadList(id: 11)])
        #expect(state.watchlist.map(\.security.ticker) == ["AMAT"])
        #expect(state.update(.listsLoaded([first, Self.cars])) == [.loadList(id: Fixtures.listID)])
        #expect(state.activeListID == Fixtures.listID)
        #expect(state.watchlist.map(\.security.ticker) == ["AAPL", "7203", "MSFT"])
    }

    @Test("adding and removing go to the active list")
    func addToActiveList() {
        var state = Self.state()
        _ = state.update(.key(.character("]")))
        #expect(state.update(.key(.character("d"))) == [])
        _ = state.update(.listItemsLoaded(listID: 11, [Fixtures.applied]))
        #expect(state.update(.key(.character("d"))) == [.remove(id: 2, ticker: "AMAT", listID: 11)])
        state.focus = .search
        _ = Fixtures.type(Fixtures.characters("micro"), into: &state)
        _ = state.update(.searchResults(query: "micro", results: [Fixtures.microsoft]))
        #expect(state.update(.key(.enter)) == [.add(Fixtures.microsoft, listID: 11)])
    }

    @Test("Shift+↑ and Shift+↓ decode from xterm's ESC [ 1 ; 2 A / B; plain arrows stay arrows")
    func shiftArrows() {
        var decoder = KeyDecoder()
        #expect(decoder.decode(Array("\u{1B}[1;2A\u{1B}[1;2B\u{1B}[A\u{1B}[1;5B".utf8)) == [.shiftUp, .shiftDown, .up, .down])
    }
}
