import Foundation
import GRDB
import Logging
import PostgresNIO
import StockStorage
@testable import StockStoragePostgres
@testable import StockStorageSQLite
import Testing

/// v5 on a database as the release before it left it (schema up to v4, one `watchlist_item` list per account).
@Suite("Watchlist migration (v5)")
struct WatchlistMigrationTests {
    static let before = "v4: quotes and market caps"

    /// Two accounts: ada's items added T3, T1, T2 (in that order), bob's none.
    static let legacySQL = [
        "INSERT INTO security (id, ticker, name) VALUES (1, 'T1', 'One'), (2, 'T2', 'Two'), (3, 'T3', 'Three')",
        "INSERT INTO account (id, username, password_hash, created_ms) VALUES (1, 'ada', 'h', 1000), (2, 'bob', 'h', 2000)",
        "INSERT INTO watchlist_item (account_id, security_id, added_ms) VALUES (1, 3, 5000), (1, 1, 6000), (1, 2, 7000)",
    ]

    @Test("each existing watchlist becomes the user's first list, Watchlist, in the order it was built",
          arguments: StorageBackend.allCases)
    func existingListsMove(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await Self.makeLegacy(database)
            try await database.withStore { store in
                let ada = try await store.watchlists(userID: 1)
                #expect(ada.map(\.name) == ["Watchlist"])
                #expect(ada.map(\.count) == [3])
                #expect(try await store.watchlist(userID: 1).map(\.ticker) == ["T3", "T1", "T2"])
                #expect(try await store.watchlists(userID: 2).map(\.name) == ["Watchlist"])
                #expect(try await store.watchlist(userID: 2).isEmpty)
                // The migrated list takes new items at its end and new lists after it.
                _ = try await store.addToWatchlist(userID: 2, securityID: 1, limit: 10, at: Date())
                let second = try await store.createWatchlist(userID: 1, name: "More", maximumLists: 20, at: Date())
                #expect(try await store.watchlists(userID: 1).map(\.id) == [ada[0].id, second.id])
                #expect(try await store.watchlist(userID: 2).map(\.ticker) == ["T1"])
            }
        }
    }

    /// Brings a fresh database to the schema before v5 and fills it as that release did.
    static func makeLegacy(_ database: TestDatabase) async throws {
        switch database {
        case .sqlite(let path):
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            let pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(pool, upTo: before)
            try await pool.write { db in for sql in legacySQL { try db.execute(sql: sql) } }
            try pool.close()
        case .postgres(let url):
            let logger = Logger.quietTestLogger
            try await PostgresSchema.migrate(url, upTo: before, logger: logger)
            let connection = try await PostgresConnection.connect(
                configuration: url.connectionConfiguration, id: 2, logger: logger)
            for sql in legacySQL { try await connection.run(PostgresQuery(unsafeSQL: sql), logger: logger) }
            try await connection.close()
        }
    }
}
