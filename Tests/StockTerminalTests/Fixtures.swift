import Foundation
import StockClient
import StockModel
import StockQuotes
import StockTerminal

/// Securities and states the terminal tests share.
enum Fixtures {
    static let apple = SecurityItem(
        id: 1, ticker: "AAPL", name: "Apple Inc.", exchange: "NASDAQ", lastPrice: Price("187.12"),
        quote: Quote(
            price: Price("187.12")!, previousClose: Price("185")!, dayHigh: Price("188.5")!, dayLow: Price("185.25")!,
            volume: 52_000_000, currency: "USD", marketState: .regular),
        match: SearchMatch(kind: "ticker_prefix", field: "ticker", text: "AAPL", ranges: [0..<3]))
    static let applied = SecurityItem(
        id: 2, ticker: "AMAT", name: "Applied Materials, Inc.", exchange: "NASDAQ", lastPrice: Price("150.5"),
        match: SearchMatch(kind: "word_prefix", field: "name", text: "Applied Materials, Inc.", ranges: [0..<4]))
    static let toyota = SecurityItem(
        id: 3, ticker: "7203", name: "トヨタ自動車株式会社", exchange: "TSE", lastPrice: Price("2845"),
        quote: Quote(price: Price("2845")!, previousClose: Price("2845")!, currency: "JPY", marketState: .closed))
    static let microsoft = SecurityItem(
        id: 4, ticker: "MSFT", name: "Microsoft Corporation", exchange: "NASDAQ", lastPrice: Price("410.25"))

    static let start = Date(timeIntervalSince1970: 1_795_590_000)  // 2026-11-25 07:00:00 UTC

    /// The id of the user's first list in `main`.
    static let listID: Int64 = 10

    /// A logged-in main screen with the given watchlist as the user's one list, "Watchlist".
    static func main(watchlist: [SecurityItem] = [], focus: WatchState.Focus = .search) -> WatchState {
        var state = WatchState(server: "http://127.0.0.1:8080", page: .main, username: "alice", now: start)
        _ = state.update(.listsLoaded([WatchlistInfo(id: listID, name: "Watchlist", count: watchlist.count)]))
        _ = state.update(.listItemsLoaded(listID: listID, watchlist))
        _ = state.update(.connection(.live))
        state.focus = focus
        return state
    }

    /// Feeds keys one by one and collects the commands.
    static func type(_ keys: [Key], into state: inout WatchState) -> [WatchCommand] {
        keys.flatMap { state.update(.key($0)) }
    }

    static func characters(_ text: String) -> [Key] { text.map(Key.character) }
}
