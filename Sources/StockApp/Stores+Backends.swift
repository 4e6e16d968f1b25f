import Logging
import StockServer
import StockStorage
import StockStoragePostgres
import StockStorageSQLite

extension Stores {
    /// The embedded store: one SQLite file.
    public static func sqlite(path: String) throws -> Stores {
        Stores(try SQLiteStorage(path: path))
    }

    /// Runs `body` on PostgreSQL when `postgresURL` is given (the pool runs and the schema is migrated first),
    /// else on the SQLite file at `sqlitePath`: what the command-line tools open.
    public static func withStores<Result: Sendable>(
        postgresURL: String?, sqlitePath: String, logger: Logger, _ body: @Sendable (Stores) async throws -> Result
    ) async throws -> Result {
        guard let postgresURL else { return try await body(Stores(SQLiteStorage(path: sqlitePath))) }
        return try await PostgresStorage.withStorage(url: PostgresURL(postgresURL), logger: logger) { storage in
            try await body(Stores(storage))
        }
    }

    /// Like `withStores`, on the one storage value that implements every protocol, bulk accounts included (the
    /// data generator's).
    public static func withStorage<Result: Sendable>(
        postgresURL: String?, sqlitePath: String, logger: Logger,
        _ body: @Sendable (any SecurityStore & AccountStore & WatchlistStore & BulkAccountStore) async throws -> Result
    ) async throws -> Result {
        guard let postgresURL else { return try await body(SQLiteStorage(path: sqlitePath)) }
        return try await PostgresStorage.withStorage(url: PostgresURL(postgresURL), logger: logger) { storage in
            try await body(storage)
        }
    }
}
