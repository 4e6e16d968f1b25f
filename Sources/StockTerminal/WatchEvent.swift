import Foundation
import StockClient
import StockQuotes

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
    /// The user's lists (on connect, reconnect, and after `lists_changed`).
    case listsLoaded([WatchlistInfo])
    /// A list's securities in its order, as the server holds them.
    case listItemsLoaded(listID: Int64, [SecurityItem])
    case listCreated(WatchlistInfo)
    case listRenamed(WatchlistInfo)
    case listDeleted(id: Int64, name: String)
    /// The socket's `lists_changed`: the lists changed somewhere (here, another client, another node).
    case listsChanged
    /// The order of move `generation` was saved; `error` when the server refused it.
    case orderSaved(generation: Int, error: String?)
    case alertsLoaded([PriceAlert])
    case alertCreated(PriceAlert)
    case alertDeleted(id: Int64)
    /// The socket's `alert`: one of the user's alerts fired.
    case alertFired(PriceAlert)
    case added(SecurityItem)
    case removed(id: Int64, ticker: String)
    /// A change (add, remove, a list, an alert) failed: the message says what and why.
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
    /// Add a security to the list `listID` (the first list while the lists are not known yet).
    case add(SecurityItem, listID: Int64?)
    case remove(id: Int64, ticker: String, listID: Int64?)
    /// Read the user's lists again.
    case loadLists
    /// Read a list's securities.
    case loadList(id: Int64)
    case createList(name: String)
    case renameList(id: Int64, name: String)
    case deleteList(id: Int64, name: String)
    /// Save a list's order (the runtime waits a moment, so that quick moves go out as one).
    case saveOrder(listID: Int64, ids: [Int64], generation: Int)
    case loadAlerts
    case createAlert(securityID: Int64, ticker: String, condition: PriceAlert.Condition, value: Percent)
    case deleteAlert(id: Int64, ticker: String)
    /// Fetch a security's intraday history (its sparkline).
    case fetchHistory(id: Int64)
    /// Reconnect now rather than when the backoff says (the user asked).
    case reconnect
    case quit
}
