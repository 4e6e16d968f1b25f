import Foundation
import Logging
import ServiceLifecycle
import StockMarket
import StockStorage
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
    /// What logout tells: a `NOTIFY` reaching every node's open tokens.
    public let tokenRevocationObserver: any TokenRevocationObserver
    /// What the alert routes tell: a `NOTIFY` reaching the leader's alert book.
    public let alertObserver: any AlertChangeObserver

    /// The cluster services of a node whose `hub` feeds its sockets, whose `catalog` holds the listing and whose
    /// `openTokens` closes the sockets of revoked tokens; the leader polls `provider` as `pollerConfiguration`
    /// says.
    public init(
        storage: PostgresStorage, catalog: ListingCatalog, hub: PriceHub, openTokens: any OpenTokens,
        provider: any PriceProvider, pollerConfiguration: PricePoller.Configuration,
        retryInterval: Duration = .seconds(2), logger: Logger
    ) {
        let leaderAlerts = LeaderAlerts()
        let poller = ClusterPricePoller(
            storage: storage, catalog: catalog, provider: provider, configuration: pollerConfiguration,
            leaderAlerts: leaderAlerts, logger: logger)
        services = [
            PostgresLeaderElection(
                url: storage.url, lockKey: Self.pollerLockKey, retryInterval: retryInterval, logger: logger,
                lead: { try await poller.run() }),
            ClusterListener(
                storage: storage, catalog: catalog, hub: hub, openTokens: openTokens, leaderAlerts: leaderAlerts,
                retryInterval: retryInterval, logger: logger),
        ]
        watchlistObserver = ClusterWatchlistNotifier(storage: storage, localHub: hub, logger: logger)
        tokenRevocationObserver = ClusterTokenRevocationNotifier(storage: storage, local: openTokens, logger: logger)
        alertObserver = ClusterAlertNotifier(storage: storage, logger: logger)
    }
}

/// Tells every node about a revoked token through `NOTIFY`; should that fail, at least this node's sockets of the
/// token close.
struct ClusterTokenRevocationNotifier: TokenRevocationObserver {
    let storage: PostgresStorage
    let local: any OpenTokens
    let logger: Logger

    func tokenRevoked(hash: Data) async {
        do {
            try await storage.notify(.tokenRevoked(hash: hash))
        } catch {
            logger.error("could not notify the cluster of a revoked token", metadata: ["error": "\(error)"])
            await local.tokenRevoked(hash: hash)
        }
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
