import Foundation
import StockClient

/// Carries out the state's commands as tasks that send their outcome back as events. Owned by the run loop.
struct Effects {
    private(set) var client: StockClient
    let sink: AsyncStream<SessionEvent>.Continuation
    let debounce: Duration
    private var search: Task<Void, Never>?
    private var feed: Task<Void, Never>?
    /// The order save waiting for its debounce (a newer move replaces it).
    var orderSave: Task<Void, Never>?
    /// How long a moved list's order waits before it is saved, so that quick moves go out as one request.
    var orderDebounce = Duration.milliseconds(300)

    init(client: StockClient, sink: AsyncStream<SessionEvent>.Continuation, debounce: Duration) {
        self.client = client
        self.sink = sink
        self.debounce = debounce
    }

    /// Uses `token` from now on and starts following the watchlist.
    mutating func startSession(token: String) {
        client.token = token
        feed?.cancel()
        let client = client
        let sink = sink
        feed = Task { await LiveFeed.run(client: client) { sink.yield(.watch($0)) } }
    }

    /// Forgets the token and stops the feed and any search.
    mutating func endSession() {
        client.token = nil
        stopAll()
    }

    /// Cancels the feed and any search on its way (the session ends, or the client quits).
    mutating func stopAll() {
        feed?.cancel()
        search?.cancel()
        feed = nil
        search = nil
        orderSave = nil
    }

    /// Starts what `command` asks for; `.quit` is the run loop's.
    mutating func execute(_ command: WatchCommand) {
        let client = client
        let sink = sink
        let send = { @Sendable (event: WatchEvent) in _ = sink.yield(.watch(event)) }
        switch command {
        case .login(let username, let password, let totp):
            Task {
                do throws(StockClientError) {
                    let session = try await client.login(username: username, password: password, totp: totp)
                    sink.yield(.session(session, notice: nil))
                } catch {
                    send(.loginFailed(error))
                }
            }
        case .register(let username, let password):
            Task {
                do throws(StockClientError) {
                    try await client.register(username: username, password: password)
                    let session = try await client.login(username: username, password: password)
                    sink.yield(.session(session, notice: "Welcome, \(session.user.username): your account is ready"))
                } catch {
                    send(.loginFailed(error))
                }
            }
        case .search(let query):
            search?.cancel()
            search = Self.afterPause(debounce) {
                do throws(StockClientError) {
                    let results = try await client.search(query: query, limit: WatchState.resultLimit)
                    if !Task.isCancelled { send(.searchResults(query: query, results: results)) }
                } catch {
                    if !Task.isCancelled { send(Self.failure(error) ?? .searchFailed(query: query, error: error)) }
                }
            }
        case .cancelSearch:
            search?.cancel()
            search = nil
        case .add(let security, let listID):
            change("Could not add \(security.ticker)") { () async throws(StockClientError) in
                if let listID { try await client.add(id: security.id, toList: listID) } else {
                    try await client.add(id: security.id)
                }
                return .added(security)
            }
        case .remove(let id, let ticker, let listID):
            change("Could not remove \(ticker)") { () async throws(StockClientError) in
                if let listID { try await client.remove(id: id, fromList: listID) } else { try await client.remove(id: id) }
                return .removed(id: id, ticker: ticker)
            }
        case .loadLists, .loadList, .createList, .renameList, .deleteList, .saveOrder, .loadAlerts, .createAlert,
             .deleteAlert:
            executeListsAndAlerts(command)
        case .fetchHistory(let id):
            Task {
                do throws(StockClientError) {
                    send(.history(id: id, points: try await client.history(id: id)))
                } catch {
                    if let failure = Self.failure(error) { send(failure) }
                }
            }
        case .reconnect:
            if let token = client.token { startSession(token: token) }
        case .quit:
            break
        }
    }

    /// Runs one change on the server and sends its event; a failure is `.actionFailed` with `what` and the
    /// server's message (a refused token ends the session).
    func change(_ what: String, _ work: @escaping @Sendable () async throws(StockClientError) -> WatchEvent) {
        let sink = sink
        Task {
            do throws(StockClientError) {
                sink.yield(.watch(try await work()))
            } catch {
                sink.yield(.watch(Self.failure(error) ?? .actionFailed("\(what): \(error.message)")))
            }
        }
    }

    /// A task that runs `work` after `delay`, unless it is cancelled first (a newer search or move replaces it).
    static func afterPause(_ delay: Duration, _ work: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        Task {
            do {
                try await Task.sleep(for: delay)
            } catch {
                return
            }
            await work()
        }
    }

    /// A refused token ends the session, whichever call noticed it.
    static func failure(_ error: StockClientError) -> WatchEvent? {
        if case .unauthorized(let message) = error { return .sessionExpired(message: message) }
        return nil
    }
}
