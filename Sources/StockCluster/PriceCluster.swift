import Logging
import ServiceLifecycle
import StockMarket
import StockStoragePostgres

/// Live prices across the nodes of a deployment sharing PostgreSQL: exactly one node (the advisory-lock leader)
/// polls the provider; every node delivers the recorded ticks and every watchlist change to its own sockets.
public struct PriceCluster: Sendable {
    /// The advisory lock key of the price poller's leadership ("stocktracker-poller").
    static let pollerLockKey: Int64 = 0x5354_504F_4C4C_0001

    /// The background services of this node: the leadership campaign and the listener.
    public let services: [any Service]
    /// What the watchlist routes tell: a `NOTIFY` reaching every node's hub.
    public let watchlistObserver: any WatchlistChangeObserver

    /// The cluster services of a node whose `hub` feeds its sockets and whose `catalog` holds the listing; the
    /// leader polls `provider` as `pollerConfiguration` says.
    public init(
        storage: PostgresStorage, catalog: ListingCatalog, hub: PriceHub, provider: any PriceProvider,
        pollerConfiguration: PricePoller.Configuration, retryInterval: Duration = .seconds(2), logger: Logger
    ) {
        let poller = ClusterPricePoller(
            storage: storage, catalog: catalog, provider: provider, configuration: pollerConfiguration,
            logger: logger)
        services = [
            PostgresLeaderElection(
                url: storage.url, lockKey: Self.pollerLockKey, retryInterval: retryInterval, logger: logger,
                lead: { try await poller.run() }),
            ClusterListener(
                storage: storage, catalog: catalog, hub: hub, retryInterval: retryInterval, logger: logger),
        ]
        watchlistObserver = ClusterWatchlistNotifier(storage: storage, localHub: hub, logger: logger)
    }
}

/// Tells every node about a watchlist change through `NOTIFY`; should that fail, at least this node's sockets
/// follow.
struct ClusterWatchlistNotifier: WatchlistChangeObserver {
    let storage: PostgresStorage
    let localHub: PriceHub
    let logger: Logger

    func watchlistDidChange(userID: Int64) async {
        do {
            try await storage.notify(.watchlistChanged(userID: userID))
        } catch {
            logger.error("could not notify the cluster of a watchlist change", metadata: ["error": "\(error)"])
            await localHub.watchlistChanged(userID: userID)
        }
    }
}
