import Foundation
import Logging
import StockModel
import StockQuotes
import StockStorage
import Synchronization

/// The fan-out of live prices and quotes to connections, and what a node serves of them over HTTP: the latest
/// quotes and every security's intraday history.
///
/// Each security has a set of subscribed connections; a tick marks the subscribers of changed securities pending
/// and tells their sockets that messages wait, nothing more, so the broadcast never waits on a socket. Each socket
/// then takes, when it can send, one message holding only its securities that changed since its previous message,
/// built from the latest prices and quotes (each quote's JSON written once per change, not per socket): a slow
/// client gets the newest, never a backlog. A socket still busy with a message `maxTicksBehind` ticks later (it
/// does not drain) gets its connection closed with `.tooSlow`.
///
/// Per connection the hub keeps integer indices and a few flags (see `PriceHubState.ConnectionSlot`).
public final class PriceHub: PriceTickSink {
    private let state: Mutex<PriceHubState>
    /// Where a security's id leads to its position, by which the hub holds it.
    private let catalog: ListingCatalog
    private let history: TickHistory
    private let watchlists: any WatchlistStore
    private let logger: Logger
    /// Grows after each change of what `latestQuotes` answers.
    private let quoteChanges = Atomic<UInt64>(0)

    /// - Parameters:
    ///   - watchlists: where the users' watchlists are read from.
    ///   - catalog: the node's listing: the hub holds each security at its position there.
    ///   - maxTicksBehind: ticks a connection may stay busy with one message before it is closed as too slow.
    ///   - calendars: the calendars the intraday histories' trading days follow (the poller's).
    public init(
        watchlists: any WatchlistStore, catalog: ListingCatalog, maxTicksBehind: Int = 3,
        calendars: QuoteCalendars? = nil, logger: Logger
    ) {
        self.watchlists = watchlists
        self.catalog = catalog
        self.logger = logger
        history = TickHistory(calendars: calendars ?? QuoteCalendars(.alwaysOpen))
        state = Mutex(PriceHubState(maxTicksBehind: Int64(max(maxTicksBehind, 1)), now: Date()))
    }

    /// The number of open connections.
    public var connectionCount: Int { state.withLock { $0.liveConnections } }

    /// The number of (connection, security) subscriptions.
    public var subscriptionCount: Int { state.withLock { $0.securities.reduce(0) { $0 + $1.subscribers.count } } }

    /// The users with at least one open connection, in no particular order.
    public var connectedUserIDs: [Int64] { state.withLock { Array($0.slotsByUser.keys) } }

    /// The seq of the last tick.
    public var lastSeq: Int64 { state.withLock { $0.seq } }

    /// The version of what `latestQuotes` answers: it grows after every tick and every registration, so that
    /// quotes read after reading it are at least that new, and an answer written from them stays right while it
    /// does not change (`GET /security` keeps answers that long). Read without the hub's lock.
    public var quotesVersion: UInt64 { quoteChanges.load(ordering: .acquiring) }

    /// The latest quote of each of `ids` (`nil` where there is no price), in the order of `ids`.
    public func latestQuotes(for ids: [Int64]) -> [Quote?] {
        let listing = catalog.listing
        return state.withLock { state in
            ids.map { id in state.position(of: id, in: listing).flatMap { state.securities[$0].currentQuote } }
        }
    }

    /// The intraday history of the security `id` on this node: each 5-minute bucket of the current or last
    /// trading day in which its price changed, with the bucket's start and last price, oldest first, at most 400
    /// (empty after a restart until prices move); `nil` for a security the hub does not know.
    public func history(of id: Int64) -> [(Date, Price)]? {
        history.points(of: id)
    }

    /// Holds `securities` (of the catalog's listing) at their catalog positions; those held already are kept.
    public func register(_ securities: [QuotedSecurity]) {
        let listing = catalog.listing
        state.withLock { $0.register(securities, in: listing) }
        quoteChanges.wrappingAdd(1, ordering: .releasing)
        history.register(securities, at: Date())
    }

    public func publish(_ tick: PriceTick) {
        let listing = catalog.listing
        let effects = state.withLock { $0.publish(tick, in: listing) }
        quoteChanges.wrappingAdd(1, ordering: .releasing)
        effects.run()
        history.record(tick)
    }

    /// Reports every price stale, until the next tick, when no tick has come for `duration`: the sockets stay
    /// open and each gets one snapshot saying so.
    public func reportStaleIfNoTick(for duration: Duration) {
        let effects = state.withLock { state -> PriceHubState.Effects? in
            guard !state.silent, ContinuousClock.now - state.lastTickAt >= duration else { return nil }
            return state.silence()
        }
        guard let effects else { return }
        logger.warning("no price tick for \(duration): every price is reported stale until the next one")
        effects.run()
    }

    /// Opens a connection for `userID`. Nothing is sent until its watchlist is loaded with `reloadWatchlist`; the
    /// socket is then told that its first message, a snapshot of the whole list, waits.
    public func connect(userID: Int64, socket: any PriceSocket) -> PriceSocketID {
        state.withLock { $0.connect(userID: userID, socket: socket) }
    }

    /// Forgets a connection (its socket is gone).
    public func disconnect(_ id: PriceSocketID) {
        state.withLock { $0.disconnect(id) }
    }

    /// Closes a connection from the server's side: its socket's `close` is called, and `nextMessage` answers
    /// `.closed(reason)`.
    public func close(_ id: PriceSocketID, with reason: PriceSocketClose) {
        state.withLock { state in
            var effects = PriceHubState.Effects()
            if state.isCurrent(id) { state.close(Int(id.slot), with: reason, effects: &effects) }
            return effects
        }.run()
    }

    /// Reads the user's watchlist and applies it to all their open connections: removed securities are
    /// unsubscribed, added ones sent at once as a `snapshot` with the last tick's seq.
    /// The securities are those of every list of the user; with `announce` (the lists changed), the connections
    /// already served get `{"type":"lists_changed","at":...}` first.
    public func reloadWatchlist(userID: Int64, announce: Bool = false) async throws {
        guard let ticket = state.withLock({ $0.beginReload(userID: userID) }) else { return }
        let ids = try await watchlists.watchedSecurities(userID: userID).map(\.id)
        // A security imported since the catalog's last load is not in its listing yet: the listing is read again.
        var listing = catalog.listing
        if ids.contains(where: { listing.position(of: $0) == nil }) {
            try await catalog.refresh()
            listing = catalog.listing
        }
        state.withLock {
            $0.applyWatchlist(userID: userID, securities: ids, in: listing, ticket: ticket, announce: announce)
        }.run()
    }

    /// The user's lists changed: like `reloadWatchlist` with `announce`, logging a failure instead of throwing.
    public func watchlistChanged(userID: Int64) async {
        do {
            try await reloadWatchlist(userID: userID, announce: true)
        } catch {
            logger.error("could not reload a watchlist", metadata: ["user": "\(userID)", "error": "\(error)"])
        }
    }

    /// Sends `message` (written JSON) to every open connection of the user on this node, before any price.
    public func send(_ message: [UInt8], toUser userID: Int64) {
        state.withLock { $0.send(message, toUser: userID) }.run()
    }

    /// The connection's next message: the initial snapshot, a snapshot of added securities, or the prices changed
    /// since its previous message; `.closed` once the connection is closed or gone. `nil` when there is nothing to
    /// send: the socket's `messagesWaiting()` is called when there is.
    public func nextMessage(for id: PriceSocketID) -> PriceDelivery? {
        // The fragments are taken under the lock (a few retains); the bytes are written outside it, by the socket.
        state.withLock { $0.next(id) }
    }
}
