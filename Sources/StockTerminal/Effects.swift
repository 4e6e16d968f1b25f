import Foundation
import StockClient

/// Carries out the state's commands as tasks that send their outcome back as events. Owned by the run loop.
struct Effects {
    private(set) var client: StockClient
    let sink: AsyncStream<SessionEvent>.Continuation
    let debounce: Duration
    private var search: Task<Void, Never>?
    private var feed: Task<Void, Never>?

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
            let debounce = debounce
            search = Task {
                do {
                    try await Task.sleep(for: debounce)
                } catch {
                    return
                }
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
        case .add(let security):
            Task {
                do throws(StockClientError) {
                    try await client.add(id: security.id)
                    send(.added(security))
                } catch {
                    send(Self.failure(error) ?? .actionFailed("Could not add \(security.ticker): \(error.message)"))
                }
            }
        case .remove(let id, let ticker):
            Task {
                do throws(StockClientError) {
                    try await client.remove(id: id)
                    send(.removed(id: id))
                } catch {
                    send(Self.failure(error) ?? .actionFailed("Could not remove \(ticker): \(error.message)"))
                }
            }
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
        case .reloadWatchlist:
            Task {
                if let securities = try? await client.watchlist() { send(.watchlistLoaded(securities)) }
            }
        case .quit:
            break
        }
    }

    /// A refused token ends the session, whichever call noticed it.
    private static func failure(_ error: StockClientError) -> WatchEvent? {
        if case .unauthorized(let message) = error { return .sessionExpired(message: message) }
        return nil
    }
}
