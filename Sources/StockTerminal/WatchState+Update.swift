import Foundation
import StockClient

extension WatchState {
    /// Applies an event and answers the commands it calls for.
    public mutating func update(_ event: WatchEvent) -> [WatchCommand] {
        switch event {
        case .key(let key):
            return handle(key)
        case .tick(let time):
            now = time
            if let highlight = firedHighlight, highlight.until <= now { firedHighlight = nil }
            return historyRequests()
        case .history(let id, let points):
            if let index = watchlist.firstIndex(where: { $0.id == id }) {
                watchlist[index].history = points.suffix(Self.historyPointLimit).map(\.price)
            }
        case .loggedIn(let name, let message):
            username = name
            page = .main
            login = LoginForm()
            focus = .search
            connection = .connecting
            notice = message.map { Notice($0) }
        case .loginFailed(let error):
            login.busy = false
            if case .totpRequired = error, !login.registering {
                let asked = login.needsTOTP && !login.totp.isEmpty
                login.needsTOTP = true
                login.field = .totp
                login.totp = ""
                login.message = asked
                    ? Notice(error.message, isError: true)
                    : Notice("This account needs a TOTP code: type the one your authenticator app shows")
            } else {
                login.message = Notice(error.message, isError: true)
                if case .unauthorized = error { login.field = .password }
            }
        case .searchResults(let query, let results):
            guard query == search.query else { break }
            search.results = results
            search.resultsQuery = query
            search.pending = false
            search.error = nil
            search.selected = min(search.selected, max(results.count - 1, 0))
        case .searchFailed(let query, let error):
            guard query == search.query else { break }
            search.pending = false
            search.error = error.message
        case .listsLoaded, .listItemsLoaded, .listCreated, .listRenamed, .listDeleted, .listsChanged, .orderSaved:
            return updateLists(event)
        case .alertsLoaded, .alertCreated, .alertDeleted, .alertFired:
            updateAlerts(event)
        case .added(let security):
            if !isWatched(security.id) { watchlist.append(WatchRow(security: security)) }
            notice = Notice("Added \(security.ticker) to \(activeList.map { "“\($0.name)”" } ?? "the watchlist")")
        case .removed(let id, let ticker):
            // Said even when the row is gone already (the re-read list after `lists_changed` came first).
            notice = Notice("Removed \(ticker)")
            watchlist.removeAll { $0.security.id == id }
            selectedRow = clamp(selectedRow, count: watchlist.count)
        case .actionFailed(let message):
            notice = Notice(message, isError: true)
        case .prices(let message, let time):
            return apply(message, at: time)
        case .connection(let status):
            connection = status
        case .sessionExpired(let message):
            self = WatchState(server: server, page: .login, now: now)
            login.message = Notice("Please log in again (\(message))", isError: true)
        }
        return []
    }

    /// Takes the server's list (order and membership) and keeps what the session knew of each row.
    mutating func mergeWatchlist(_ securities: [SecurityItem]) {
        let known = Dictionary(watchlist.map { ($0.security.id, $0) }, uniquingKeysWith: { first, _ in first })
        let selectedID = selectedWatchRow?.id
        watchlist = securities.map { security in
            guard var row = known[security.id] else { return WatchRow(security: security) }
            row.security = security
            if row.quote == nil { row.quote = security.quote }
            if row.lastPrice == nil, let price = security.quote?.price ?? security.lastPrice {
                row.record(price, at: now)
            }
            return row
        }
        let rows = rows
        selectedRow = selectedID.flatMap { id in rows.firstIndex { $0.id == id } }
            ?? clamp(selectedRow, count: watchlist.count)
    }

    /// Records the prices of the active list's rows; the socket also carries the user's other lists, whose rows
    /// are read with fresh quotes when shown.
    private mutating func apply(_ message: PriceMessage, at time: Date) -> [WatchCommand] {
        lastUpdate = time
        connection = .live
        for (ticker, price) in message.prices {
            guard let index = watchlist.firstIndex(where: { $0.security.ticker == ticker }) else { continue }
            watchlist[index].record(price, quote: message.quotes[ticker], at: time)
        }
        // A ticker the message names is stale when listed so, and fresh otherwise; the others keep their mark.
        let stale = Set(message.stale)
        for index in watchlist.indices {
            let ticker = watchlist[index].security.ticker
            if stale.contains(ticker) || message.prices[ticker] != nil { watchlist[index].stale = stale.contains(ticker) }
        }
        return []
    }

    /// How long a row's sparkline history is kept before it is asked for again.
    public static let historyRefresh: TimeInterval = 60
    /// The most history requests one second's tick starts (a long watchlist is refreshed over several seconds).
    public static let historyRequestsPerTick = 2
    /// The most points a row keeps (the server sends at most 400).
    static let historyPointLimit = 400

    /// The history requests due: rows never asked, or asked `historyRefresh` ago, in the order shown, at most
    /// `historyRequestsPerTick`; each is marked asked, so that a slow or failing answer is not asked again at once.
    private mutating func historyRequests() -> [WatchCommand] {
        guard page == .main else { return [] }
        var commands = [WatchCommand]()
        for row in rows where commands.count < Self.historyRequestsPerTick {
            if let asked = row.historyAskedAt, now.timeIntervalSince(asked) < Self.historyRefresh { continue }
            guard let index = watchlist.firstIndex(where: { $0.id == row.id }) else { continue }
            watchlist[index].historyAskedAt = now
            commands.append(.fetchHistory(id: row.id))
        }
        return commands
    }

    func clamp(_ index: Int, count: Int) -> Int { min(max(index, 0), max(count - 1, 0)) }
}
