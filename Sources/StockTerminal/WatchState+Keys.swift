import Foundation

extension WatchState {
    /// How many results the search asks for and shows at most.
    public static let resultLimit = 10

    /// The key state machine: what a key does depends on the page, the focus and the help overlay.
    mutating func handle(_ key: Key) -> [WatchCommand] {
        if key == .control("c") { return [.quit] }
        switch page {
        case .login: return handleLogin(key)
        case .main where showingHelp:
            showingHelp = false
            return []
        case .main:
            notice = nil
            firedHighlight = nil
            if let prompt { return handlePrompt(key, prompt) }
            if let alertForm { return handleAlertForm(key, alertForm) }
            if showingAlerts { return handleAlertsView(key) }
            return focus == .search ? handleSearch(key) : handleWatchlist(key)
        }
    }

    // MARK: Login

    private mutating func handleLogin(_ key: Key) -> [WatchCommand] {
        let fields = login.fields
        let position = fields.firstIndex(of: login.field) ?? 0
        switch key {
        case .escape:
            return [.quit]
        case .tab, .down:
            login.field = fields[(position + 1) % fields.count]
        case .backTab, .up:
            login.field = fields[(position + fields.count - 1) % fields.count]
        case .control("r"):
            login.registering.toggle()
            login.message = nil
            if !login.fields.contains(login.field) { login.field = .password }
        case .enter:
            guard position == fields.count - 1 else {
                login.field = fields[position + 1]
                return []
            }
            return submitLogin()
        case .backspace:
            if !editedValue.isEmpty { editedValue.removeLast() }
        case .control("u"):
            editedValue = ""
        case .character(let character):
            if login.field != .totp || character.isNumber { editedValue.append(character) }
        default:
            break
        }
        return []
    }

    /// The text of the focused login field.
    private var editedValue: String {
        get {
            switch login.field {
            case .username: login.username
            case .password: login.password
            case .totp: login.totp
            }
        }
        set {
            switch login.field {
            case .username: login.username = newValue
            case .password: login.password = newValue
            case .totp: login.totp = newValue
            }
        }
    }

    private mutating func submitLogin() -> [WatchCommand] {
        guard !login.busy else { return [] }
        let username = login.username.trimmingCharacters(in: .whitespaces)
        guard !username.isEmpty else {
            login.field = .username
            login.message = Notice("Type a user name", isError: true)
            return []
        }
        guard !login.password.isEmpty else {
            login.field = .password
            login.message = Notice("Type a password", isError: true)
            return []
        }
        login.busy = true
        if login.registering {
            login.message = Notice("Creating the account…")
            return [.register(username: username, password: login.password)]
        }
        login.message = Notice("Logging in…")
        return [.login(username: username, password: login.password, totp: login.needsTOTP ? login.totp : nil)]
    }

    // MARK: Search bar

    private mutating func handleSearch(_ key: Key) -> [WatchCommand] {
        switch key {
        case .character("?") where search.query.isEmpty, .function(1):
            showingHelp = true
        case .character(let character):
            return edit(search.query + String(character))
        case .backspace:
            return search.query.isEmpty ? [] : edit(String(search.query.dropLast()))
        case .control("u"):
            return edit("")
        case .control("w"):
            let trimmed = search.query.reversed().drop(while: \.isWhitespace).drop { !$0.isWhitespace }
            return edit(String(trimmed.reversed()))
        case .up:
            search.selected = clamp(search.selected - 1, count: search.results.count)
        case .down:
            search.selected = clamp(search.selected + 1, count: search.results.count)
        case .enter:
            // What is on screen is what gets added, even while the results of a newer query are on their way.
            guard search.results.indices.contains(search.selected) else { return [] }
            let security = search.results[search.selected]
            if isWatched(security.id) {
                notice = Notice("\(security.ticker) is already on the watchlist")
                return []
            }
            return [.add(security, listID: activeListID)]
        case .escape, .tab, .backTab:
            focus = .watchlist
        default:
            break
        }
        return []
    }

    /// Sets the query and asks for its results (or drops them when the query is empty).
    private mutating func edit(_ query: String) -> [WatchCommand] {
        guard query != search.query else { return [] }
        search.query = query
        search.selected = 0
        search.error = nil
        if query.trimmingCharacters(in: .whitespaces).isEmpty {
            search.results = []
            search.resultsQuery = query
            search.pending = false
            return [.cancelSearch]
        }
        search.pending = true
        return [.search(query)]
    }

    // MARK: Watchlist

    private mutating func handleWatchlist(_ key: Key) -> [WatchCommand] {
        switch key {
        case .character("q"):
            return [.quit]
        case .character("?"), .function(1):
            showingHelp = true
        case .up, .character("k"):
            selectedRow = clamp(selectedRow - 1, count: watchlist.count)
        case .down, .character("j"):
            selectedRow = clamp(selectedRow + 1, count: watchlist.count)
        case .home, .character("g"):
            selectedRow = 0
        case .end, .character("G"):
            selectedRow = clamp(watchlist.count - 1, count: watchlist.count)
        case .pageUp:
            selectedRow = clamp(selectedRow - 10, count: watchlist.count)
        case .pageDown:
            selectedRow = clamp(selectedRow + 10, count: watchlist.count)
        case .character("s"):
            let selectedID = selectedWatchRow?.id
            sort = sort.next
            let rows = rows
            selectedRow = selectedID.flatMap { id in rows.firstIndex { $0.id == id } } ?? 0
            notice = Notice("Sorted by \(sort.label)")
        case .character("r"):
            guard case .reconnecting(let attempt, _, let reason) = connection else { return [] }
            connection = .reconnecting(attempt: attempt, retryAt: now, reason: reason)
            return [.reconnect]
        case .character("d"), .delete:
            guard let row = selectedWatchRow else { return [] }
            return [.remove(id: row.security.id, ticker: row.security.ticker, listID: activeListID)]
        case .tab, .backTab, .character("/"):
            focus = .search
        default:
            return handleListKey(key) ?? handleAlertKey(key) ?? []
        }
        return []
    }
}
