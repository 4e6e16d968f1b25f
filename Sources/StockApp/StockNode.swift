import Hummingbird
import Logging
import ServiceLifecycle
import StockCluster
import StockFixtures
import StockServer
import StockStoragePostgres

/// The composition root of `stocktracker serve`: picks the stores (the SQLite file, or PostgreSQL shared by
/// several nodes), the price provider and, on PostgreSQL, the cluster services, and hands them to
/// `buildApplication` as protocols.
public enum StockNode {
    /// Runs the service until SIGINT or SIGTERM: on PostgreSQL at `postgresURL` when given, else on the SQLite
    /// file `configuration.databasePath`.
    public static func serve(_ configuration: ServerConfiguration, postgresURL: String?) async throws {
        let logger = logger(configuration)
        guard let postgresURL else {
            try await sqliteApplication(configuration).runService()
            return
        }
        let storage = PostgresStorage(url: try PostgresURL(postgresURL), logger: logger)
        // The pool's client first: services shut down in reverse order, so it outlives the node using it.
        let group = ServiceGroup(configuration: .init(
            services: [storage.client, PostgresNode(configuration: configuration, storage: storage, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The service of one node on the SQLite file `configuration.databasePath`, its listing imported from the
    /// bundled one when empty.
    public static func sqliteApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
        let logger = logger(configuration)
        let stores = try Stores.sqlite(path: configuration.databasePath)
        try await BundledListing.importIfEmpty(into: stores.securities, logger: logger)
        let livePrices = try LivePrices(configuration, stores: stores, logger: logger)
        return try await buildApplication(configuration, stores: stores, livePrices: livePrices)
    }

    static func logger(_ configuration: ServerConfiguration) -> Logger {
        var logger = Logger(label: "stocktracker")
        logger.logLevel = configuration.logLevel
        return logger
    }
}

/// One node on PostgreSQL, run in the same `ServiceGroup` as the pool's client: once that runs, it migrates the
/// schema, imports the bundled listing into an empty database, builds the application (and its search index)
/// with the cluster services, and runs it.
struct PostgresNode: Service {
    let configuration: ServerConfiguration
    let storage: PostgresStorage
    let logger: Logger

    func run() async throws {
        let stores = Stores(storage)
        // Imported under the migration lock: nodes starting at once on an empty database import it once.
        try await storage.migrate { [logger] in
            try await BundledListing.importIfEmpty(into: stores.securities, logger: logger)
        }
        let livePrices = try LivePrices(configuration, stores: stores, logger: logger)
        let cluster = PriceCluster(
            storage: storage, catalog: livePrices.catalog, hub: livePrices.hub, openTokens: livePrices.tokenSockets,
            provider: livePrices.provider, pollerConfiguration: livePrices.pollerConfiguration, logger: logger)
        let application = try await buildApplication(
            configuration, stores: stores, livePrices: livePrices,
            feed: .shared(
                services: cluster.services, watchlistObserver: cluster.watchlistObserver,
                alertObserver: cluster.alertObserver),
            tokenRevocations: cluster.tokenRevocationObserver)
        try await application.run()
    }
}
