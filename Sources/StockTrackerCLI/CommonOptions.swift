import ArgumentParser
import Foundation
import Logging
import StockApp
import StockServer
import StockStorage

/// `--db` and `--postgres`, shared by the commands that open the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file (env STOCKTRACKER_DB).")
    var path: String = Settings.environment.string(forKey: "db", default: Settings.serveDefaults.databasePath)

    @Option(
        name: .customLong("postgres"),
        help: ArgumentHelp(
            "A PostgreSQL URL, postgres://user:password@host:5432/database; replaces --db (env STOCKTRACKER_DATABASE_URL).",
            valueName: "url"))
    var postgresURL: String?

    /// The PostgreSQL URL from the flag or the environment; `nil` means the SQLite file.
    var resolvedPostgresURL: String? { postgresURL ?? Settings.postgresURL }

    /// For the read-only tools: fails with a hint when the SQLite file named does not exist (rather than creating
    /// an empty one); PostgreSQL needs no such check.
    func requireExistingSQLiteFile() throws {
        guard resolvedPostgresURL == nil, !FileManager.default.fileExists(atPath: path) else { return }
        throw CommandFailure("no database at \(path): run `stocktracker import FILE...` or `serve` first")
    }

    /// Runs `body` on the database these options name.
    func withStores<Result: Sendable>(
        logger: Logger = Logger(label: "stocktracker"), _ body: @Sendable (Stores) async throws -> Result
    ) async throws -> Result {
        try await Stores.withStores(postgresURL: resolvedPostgresURL, sqlitePath: path, logger: logger, body)
    }

    /// Runs `body` on the database these options name, as the one value implementing every storage protocol.
    func withStorage<Result: Sendable>(
        logger: Logger = Logger(label: "stocktracker"),
        _ body: @Sendable (any SecurityStore & AccountStore & WatchlistStore & BulkAccountStore) async throws -> Result
    ) async throws -> Result {
        try await Stores.withStorage(postgresURL: resolvedPostgresURL, sqlitePath: path, logger: logger, body)
    }
}

/// A message for the user and a non-zero exit, never a crash.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
