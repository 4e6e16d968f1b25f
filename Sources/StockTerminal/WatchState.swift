import Foundation
import StockClient
import StockModel
import StockQuotes

/// Everything the terminal client shows. The screen is a pure function of it (`Screen.render`), and it changes
/// only through `update(_:)`, which answers the commands (network calls, quitting) the runtime must carry out.
public struct WatchState: Sendable, Equatable {
    public enum Page: Sendable, Equatable { case login, main }
    /// Which part of the main screen the keys go to.
    public enum Focus: Sendable, Equatable { case search, watchlist }

    /// The server, as shown in the title bar.
    public var server: String
    public var page: Page
    public var login = LoginForm()
    /// The logged-in user's name, when known.
    public var username: String?
    public var search = SearchState()
    /// The user's lists (the tabs), in creation order.
    public var lists: [WatchlistInfo] = []
    /// The list on screen; `nil` until the lists are known.
    public var activeListID: Int64?
    /// The rows of lists shown before, shown at once when the user switches back (while they are read again).
    var rowsByList: [Int64: [WatchRow]] = [:]
    /// The active list's rows in the user's own order (the server's).
    public var watchlist: [WatchRow] = []
    /// A name or a confirmation asked for on the notice line (`n`, `R`, `D`).
    public var prompt: ListPrompt?
    /// The alert form (`a`), while it is open.
    public var alertForm: AlertForm?
    /// The user's alerts, waiting and fired, oldest first.
    public var alerts: [PriceAlert] = []
    /// The alerts view (`A`) replaces the watchlist.
    public var showingAlerts = false
    /// The selected alert in the alerts view.
    public var selectedAlert = 0
    /// The row whose alert just fired.
    public var firedHighlight: FiredHighlight?
    /// Counts the rows moved here; the server's order is taken again once the newest move is saved.
    var orderGeneration = 0
    var savedOrderGeneration = 0
    /// The column the watchlist is shown sorted by (`s` cycles).
    public var sort = WatchSort.own
    public var focus = Focus.search
    /// The selected watchlist row, a position in `rows` (kept within bounds, 0 when the list is empty).
    public var selectedRow = 0
    public var connection = ConnectionStatus.connecting
    /// A one-line message for the user (what just happened, or what went wrong).
    public var notice: Notice?
    public var showingHelp = false
    /// The time of the last price message.
    public var lastUpdate: Date?
    /// The clock, advanced by `.tick` events, for countdowns.
    public var now: Date

    public init(server: String, page: Page, username: String? = nil, now: Date = Date()) {
        self.server = server
        self.page = page
        self.username = username
        self.now = now
    }

    /// The watchlist as shown: sorted by `sort`, ties (and `.own`) in the user's order.
    public var rows: [WatchRow] { sort.sorted(watchlist) }

    /// The selected watchlist row, if any.
    public var selectedWatchRow: WatchRow? {
        let rows = rows
        return rows.indices.contains(selectedRow) ? rows[selectedRow] : nil
    }

    /// The list on screen, once the lists are known.
    public var activeList: WatchlistInfo? { lists.first { $0.id == activeListID } }

    /// Whether the watchlist holds a security.
    public func isWatched(_ id: Int64) -> Bool { watchlist.contains { $0.security.id == id } }
}

/// A message on the line above the status bar.
public struct Notice: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// The login (or registration) form.
public struct LoginForm: Sendable, Equatable {
    public enum Field: Sendable, Equatable { case username, password, totp }

    public var username = ""
    public var password = ""
    public var totp = ""
    /// Whether submitting creates an account (then logs in) rather than logging in.
    public var registering = false
    /// Shown once the server said the account needs a TOTP code.
    public var needsTOTP = false
    public var field = Field.username
    /// A request is on its way; Enter does nothing until it answers.
    public var busy = false
    public var message: Notice?

    public init() {}

    /// The fields on screen, in order.
    public var fields: [Field] { needsTOTP && !registering ? [.username, .password, .totp] : [.username, .password] }
}

/// The search bar and its results.
public struct SearchState: Sendable, Equatable {
    public var query = ""
    /// The results for `resultsQuery`, best first.
    public var results: [SecurityItem] = []
    /// The query the results answer (results for an older query are dropped when they arrive late).
    public var resultsQuery = ""
    public var selected = 0
    /// A search for `query` is on its way.
    public var pending = false
    public var error: String?

    public init() {}
}

/// One watchlist row: the security, its last price and quote, when they came, and its intraday history.
public struct WatchRow: Sendable, Equatable, Identifiable {
    public var security: SecurityItem
    public var lastPrice: Price?
    /// The quote (previous close, day range, currency, market state), kept up to date by the socket's `quotes`.
    public var quote: Quote?
    public var updatedAt: Date?
    /// The provider could not refresh this price lately.
    public var stale = false
    /// The intraday history's prices, oldest first, for the sparkline.
    public var history: [Price] = []
    /// When the history was last asked for (`nil`: never yet).
    public var historyAskedAt: Date?

    public var id: Int64 { security.id }

    public init(security: SecurityItem, updatedAt: Date? = nil) {
        self.security = security
        lastPrice = security.quote?.price ?? security.lastPrice
        quote = security.quote
        self.updatedAt = updatedAt
    }

    /// Records a new price and the quote fields that came with it.
    public mutating func record(_ price: Price, quote delta: QuoteDelta? = nil, at time: Date) {
        lastPrice = price
        updatedAt = time
        if let delta {
            quote = delta.applied(to: quote)
        }
        quote?.price = price
    }

    /// The change since the previous close, exact; `nil` without a positive previous close.
    public var change: Decimal? { quote?.change?.decimal }

    /// The change in percent of the previous close (exact to 0.0001 %); `nil` without a positive previous close.
    public var changePercent: Decimal? {
        quote?.changePercent.map { Decimal($0.tenThousandths) / 10_000 }
    }
}

/// The live-price connection as the status line reports it.
public enum ConnectionStatus: Sendable, Equatable {
    /// Opening the socket (first time).
    case connecting
    /// The socket is up and prices flow.
    case live
    /// The socket is down; the next attempt is at `retryAt`. Prices on screen are as of `lastUpdate`.
    case reconnecting(attempt: Int, retryAt: Date, reason: String)
}
