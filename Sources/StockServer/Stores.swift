import Logging
import StockFixtures
import StockStorage
import StockStoragePostgres
import StockStorageSQLite

/// The storage the application runs on, one value per protocol.
public struct Stores: Sendable {
    public var securities: any SecurityStore
    public var accounts: any AccountStore
    public var watchlists: any WatchlistStore
    /// The shared PostgreSQL store when the stores are on it: what the cluster services (one price poller,
    /// notifications between nodes) and the bulk tools work on.
    public var postgres: PostgresStorage?

    public init(
        securities: any SecurityStore, accounts: any AccountStore, watchlists: any WatchlistStore,
        postgres: PostgresStorage? = nil
    ) {
        self.securities = securities
        self.accounts = accounts
        self.watchlists = watchlists
        self.postgres = postgres
    }

    /// The embedded store: one SQLite file.
    public static func sqlite(path: String) throws -> Stores {
        let storage = try SQLiteStorage(path: path)
        return Stores(securities: storage, accounts: storage, watchlists: storage)
    }

    /// The shared store: one PostgreSQL database for every node.
    public static func postgres(_ storage: PostgresStorage) -> Stores {
        Stores(securities: storage, accounts: storage, watchlists: storage, postgres: storage)
    }

    /// Runs `body` on PostgreSQL when `postgresURL` is given (the pool runs and the schema is migrated first),
    /// else on the SQLite file at `sqlitePath`.
    public static func withStores<Result: Sendable>(
        postgresURL: String?, sqlitePath: String, logger: Logger, _ body: @Sendable (Stores) async throws -> Result
    ) async throws -> Result {
        guard let postgresURL else { return try await body(.sqlite(path: sqlitePath)) }
        return try await PostgresStorage.withStorage(url: PostgresURL(postgresURL), logger: logger) { storage in
            try await body(.postgres(storage))
        }
    }

    /// Imports the bundled listing when the database holds no security yet, so a first run works with no set-up.
    func importBundledListingIfEmpty(logger: Logger) async throws {
        guard try await securities.securityCount() == 0 else { return }
        let path = try BundledListing.path()
        let summary = try await ListingImporter(store: securities).importFiles([path])
        logger.info(
            "empty database: imported the bundled listing",
            metadata: ["inserted": "\(summary.counts.inserted)", "file": "\(path)"])
    }
}
