import Foundation
import StockClient

/// What happens to the client: keys, answers from the server, the clock.
public enum WatchEvent: Sendable {
    case key(Key)
    /// One second passed (countdowns, clock).
    case tick(Date)
    /// Login (or registration and login) worked.
    case loggedIn(username: String, notice: String?)
    case loginFailed(StockClientError)
    case searchResults(query: String, results: [SecurityItem])
    case searchFailed(query: String, error: StockClientError)
    /// The watchlist as the server holds it (on connect, reconnect, or when prices name an unknown ticker).
    case watchlistLoaded([SecurityItem])
    case added(SecurityItem)
    case removed(id: Int64)
    /// An add or remove failed.
    case actionFailed(String)
    case prices(PriceMessage, receivedAt: Date)
    /// A security's intraday history, for its sparkline.
    case history(id: Int64, points: [HistoryPoint])
    case connection(ConnectionStatus)
    /// The token was refused: back to the login screen.
    case sessionExpired(message: String)
}

/// What the runtime must do for the state: network calls and quitting.
public enum WatchCommand: Sendable, Equatable {
    case login(username: String, password: String, totp: String?)
    /// Create the account, then log in with it.
    case register(username: String, password: String)
    /// Search for the query (the runtime debounces, and a newer search replaces an older one).
    case search(String)
    /// The query was cleared: drop any search on its way.
    case cancelSearch
    case add(SecurityItem)
    case remove(id: Int64, ticker: String)
    /// Fetch the watchlist again (a price came for a ticker not on screen).
    case reloadWatchlist
    /// Fetch a security's intraday history (its sparkline).
    case fetchHistory(id: Int64)
    /// Reconnect now rather than when the backoff says (the user asked).
    case reconnect
    case quit
}
