import Logging
import PostgresNIO
import ServiceLifecycle
import StockMarket
import StockModel
import StockStorage
import StockStoragePostgres

/// Every node's ear on the cluster: `LISTEN`s on a connection of its own and delivers recorded price ticks and
/// watchlist changes to this node's hub, which pushes to this node's sockets, and revoked tokens to this node's
/// `openTokens`, which closes their sockets. Ticks are read from the database after the last one delivered, so a
/// notification missed while reconnecting is made up by the next one; after a reconnection the watchlists of the
/// users connected here are read again, and the tokens open here checked again, for changes missed meanwhile.
struct ClusterListener: Service {
    let storage: PostgresStorage
    let catalog: ListingCatalog
    let hub: PriceHub
    let openTokens: any OpenTokens
    /// The alert book, while this node leads.
    let leaderAlerts: LeaderAlerts
    let retryInterval: Duration
    let logger: Logger

    func run() async throws {
        let delivery = TickDelivery(storage: storage, catalog: catalog, hub: hub)
        await DedicatedConnection(
            url: storage.url, retryInterval: retryInterval, purpose: "notifications", logger: logger
        ).run { connection in
            try await listen(on: connection, delivery: delivery)
        }
    }

    private func listen(on connection: PostgresConnection, delivery: TickDelivery) async throws {
        try await connection.listen(on: ClusterNotification.channel) { notifications in
            // Listening first, then catching up, so that no tick falls between the two.
            try await delivery.deliverNewTicks()
            let reconnected = await delivery.beginListening()
            try await withThrowingDiscardingTaskGroup { group in
                if reconnected {
                    // Watchlist changes notified while no connection listened were never heard: every list
                    // open here is read again (one after the other, so the pool is not flooded).
                    let users = hub.connectedUserIDs
                    logger.info("reloading the watchlists after reconnecting", metadata: ["users": "\(users.count)"])
                    group.addTask { for userID in users { await hub.watchlistChanged(userID: userID) } }
                    group.addTask { await closeRevokedTokens() }
                    // Alerts created or deleted meanwhile were never heard: the leader's book reads them again.
                    if let alerts = leaderAlerts.monitor { group.addTask { await logFailure("reload the alerts") { try await alerts.load() } } }
                }
                for try await notification in notifications {
                    switch ClusterNotification(payload: notification.payload) {
                    case .priceTick:
                        try await delivery.deliverNewTicks()
                    case .watchlistChanged(let userID):
                        group.addTask { await hub.watchlistChanged(userID: userID) }
                    case .tokenRevoked(let hash):
                        group.addTask { await openTokens.tokenRevoked(hash: hash) }
                    case .alertCreated(let id):
                        guard let alerts = leaderAlerts.monitor else { continue }
                        group.addTask {
                            await logFailure("read a new alert") {
                                if let alert = try await storage.alert(id: id) { await alerts.alertCreated(alert) }
                            }
                        }
                    case .alertDeleted(let id):
                        if let alerts = leaderAlerts.monitor { group.addTask { await alerts.alertDeleted(id: id) } }
                    case .alertFired(let id, let seq):
                        group.addTask {
                            await logFailure("read a fired alert") {
                                if let alert = try await storage.alert(id: id) { await hub.deliver([alert], seq: seq) }
                            }
                        }
                    case nil:
                        logger.warning("unknown cluster notification", metadata: ["payload": "\(notification.payload)"])
                    }
                }
            }
        }
    }
}

extension ClusterListener {
    /// Runs `body`, logging what it throws (one notification's work never ends the listener).
    func logFailure(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            logger.error("could not \(what)", metadata: ["error": "\(error)"])
        }
    }

    /// Closes what is open here with a token that is no longer valid (revoked while no connection listened; an
    /// expired token's sockets close on their own).
    func closeRevokedTokens() async {
        for hash in openTokens.openTokenHashes {
            do {
                if try await storage.token(hash: hash, now: .now) == nil { await openTokens.tokenRevoked(hash: hash) }
            } catch {
                logger.error("could not check a token after reconnecting", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// Hands the recorded ticks to the hub in order, each once, after making the listing's securities known to it.
/// It outlives the listener's connections, so that a reconnect continues after the last tick delivered.
actor TickDelivery {
    let storage: PostgresStorage
    let catalog: ListingCatalog
    let hub: PriceHub
    private var deliveredSeq: Int64?
    private var registeredListingVersion: Int64?
    private var listened = false
    /// The recorded ticks replayed at the first delivery.
    static let replayedTicks: Int64 = 3

    init(storage: PostgresStorage, catalog: ListingCatalog, hub: PriceHub) {
        self.storage = storage
        self.catalog = catalog
        self.hub = hub
    }

    /// Delivers the ticks recorded since the last one delivered. The first call starts from the newest tick: the
    /// securities just registered carry the prices and quotes stored when the listing was read, which may be a
    /// tick or two older than the newest recorded one, so the last few recorded ticks are replayed in order
    /// (no socket is open yet) and the hub starts where every other node is.
    func deliverNewTicks() async throws {
        try await registerListingIfChanged()
        guard let delivered = deliveredSeq else {
            let last = try await storage.lastPriceTickSeq()
            let recent = try await storage.priceTicks(after: max(0, last - Self.replayedTicks))
            for tick in recent { hub.publish(tick) }
            if recent.isEmpty { hub.publish(PriceTick(seq: last, at: .now, changes: [])) }
            deliveredSeq = recent.last?.seq ?? last
            return
        }
        for tick in try await storage.priceTicks(after: delivered) {
            hub.publish(tick)
            deliveredSeq = tick.seq
        }
    }

    /// Notes that a connection listens; `true` when one listened before (this is a reconnection).
    func beginListening() -> Bool {
        defer { listened = true }
        return listened
    }

    /// A tick may carry securities an import just added: the catalog is refreshed first, so that the hub knows
    /// them.
    private func registerListingIfChanged() async throws {
        try await catalog.refresh()
        let listing = catalog.listing
        guard listing.version != registeredListingVersion else { return }
        hub.register(listing.securities.map(QuotedSecurity.init))
        registeredListingVersion = listing.version
    }
}
