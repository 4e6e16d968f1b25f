import Foundation
import GRDB
import Logging
import PostgresNIO
import StockStorage
import StockStorageSQLite
import StockStoragePostgres
import Testing

/// Every storage protocol at once, as both backends implement them.
typealias FullStore = SecurityStore & AccountStore & WatchlistStore & BulkAccountStore & AlertStore

/// The storage backends every behaviour test runs against.
enum StorageBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The server the PostgreSQL cases create their databases on; `.ci/run` starts one and sets it.
    static let postgresURLVariable = "STOCKTRACKER_TEST_POSTGRES_URL"

    /// Runs `body` with a new, empty database of this backend, removed afterwards. The PostgreSQL case is
    /// skipped (cancelled with the reason) when `STOCKTRACKER_TEST_POSTGRES_URL` is not set.
    func withFreshDatabase(_ body: (TestDatabase) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("stocktracker-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try await body(.sqlite(path: directory.appendingPathComponent("test.sqlite").path))
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment[Self.postgresURLVariable], !server.isEmpty else {
                try Test.cancel("no PostgreSQL: set \(Self.postgresURLVariable) (as .ci/run does) to run this case")
            }
            let database = try await PostgresTestDatabase.create(on: PostgresURL(server))
            do {
                try await body(.postgres(database.url))
            } catch {
                try? await database.drop()
                throw error
            }
            try await database.drop()
        }
    }
}

/// Where a test's database lives; each `withStore` opens it anew, as a restarted server would.
enum TestDatabase: Sendable {
    case sqlite(path: String)
    case postgres(PostgresURL)

    /// Opens a store on the database (applying migrations) for the duration of `body`.
    func withStore<Result: Sendable>(_ body: @Sendable (any FullStore) async throws -> Result) async throws -> Result {
        switch self {
        case .sqlite(let path):
            return try await body(SQLiteStorage(path: path))
        case .postgres(let url):
            return try await PostgresStorage.withStorage(url: url, logger: .quietTestLogger) { try await body($0) }
        }
    }
}

extension TestDatabase {
    /// Forgets that the migration whose name starts with `prefix` ran, as on a database from before it: the next
    /// `withStore` runs it again.
    func forgetMigration(named prefix: String) async throws {
        switch self {
        case .sqlite(let path):
            try await SQLiteStorage(path: path).pool.write { db in
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE ?", arguments: [prefix + "%"])
            }
        case .postgres(let url):
            try await PostgresStorage.withStorage(url: url, logger: .quietTestLogger) { storage in
                _ = try await storage.client.query(
                    "DELETE FROM schema_migrations WHERE name LIKE \(prefix + "%")", logger: .quietTestLogger
                ).collect()
            }
        }
    }
}

/// A database of its own on the test server, for one test case.
struct PostgresTestDatabase: Sendable {
    let server: PostgresURL
    let name: String
    var url: PostgresURL { server.with(database: name) }

    /// Creates an empty database with a unique name.
    static func create(on server: PostgresURL) async throws -> PostgresTestDatabase {
        let database = PostgresTestDatabase(
            server: server, name: "stocktracker_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
        // A database name cannot be a bound parameter; this one is made of hex digits and underscores only.
        try await database.onServer("CREATE DATABASE \(database.name)")
        return database
    }

    /// Drops the database, closing whatever connections a test left open on it.
    func drop() async throws {
        try await onServer("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private func onServer(_ sql: String) async throws {
        let logger = Logger.quietTestLogger
        let connection = try await PostgresConnection.connect(
            configuration: server.connectionConfiguration, id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

extension Logger {
    /// Warnings and errors only, so that test output stays readable.
    static var quietTestLogger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }
}
