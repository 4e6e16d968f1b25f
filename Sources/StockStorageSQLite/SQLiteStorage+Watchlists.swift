import Foundation
import GRDB
import StockStorage

extension SQLiteStorage: WatchlistStore {
    public func watchlist(userID: Int64) async throws -> [Security] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.ticker, s.name, s.exchange, s.country, s.isin, s.currency, s.aliases, s.is_etf,
                           s.last_price_e4, s.price_time_ms
                    FROM watchlist_item w JOIN security s ON s.id = w.security_id
                    WHERE w.account_id = ? ORDER BY w.added_ms, s.id
                    """,
                arguments: [userID]
            ).map(Self.security)
        }
    }

    public func addToWatchlist(userID: Int64, securityID: Int64, limit: Int, at time: Date) async throws
        -> WatchlistAddition
    {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM security WHERE id = ?", arguments: [securityID]) != nil
            else { throw StorageError.notFound("no security has the id \(securityID)") }
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM watchlist_item WHERE account_id = ? AND security_id = ?",
                arguments: [userID, securityID]) != nil
            {
                return .alreadyPresent
            }
            let count = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM watchlist_item WHERE account_id = ?", arguments: [userID]) ?? 0
            guard count < limit else {
                throw StorageError.limitReached("a watchlist holds at most \(limit) securities")
            }
            try db.execute(
                sql: "INSERT INTO watchlist_item (account_id, security_id, added_ms) VALUES (?, ?, ?)",
                arguments: [userID, securityID, time.storedMilliseconds])
            return .added
        }
    }

    public func removeFromWatchlist(userID: Int64, securityID: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM watchlist_item WHERE account_id = ? AND security_id = ?",
                arguments: [userID, securityID])
            return db.changesCount > 0
        }
    }
}
