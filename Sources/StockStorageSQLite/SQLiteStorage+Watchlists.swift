import Foundation
import GRDB
import StockModel
import StockStorage

extension SQLiteStorage: WatchlistStore {
    public func watchlist(userID: Int64) async throws -> [Security] {
        try await pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT s.id, s.ticker, s.name, s.exchange, s.country, s.isin, s.currency, s.aliases, s.is_etf,
                       s.last_price_e4, s.price_time_ms, s.previous_close_e4, s.day_high_e4, s.day_low_e4,
                       s.day_volume, s.market_state, s.quote_time_ms, s.market_cap_e4
                FROM watchlist_item w JOIN security s ON s.id = w.security_id
                WHERE w.account_id = ? ORDER BY w.added_ms, s.id
                """)
            return try Row.fetchAll(statement, arguments: [userID]).map(Self.security)
        }
    }

    public func addToWatchlist(userID: Int64, securityID: Int64, limit: Int, at time: Date) async throws
        -> WatchlistAddition
    {
        try await pool.write { db in
            let securityExists = try db.cachedStatement(sql: "SELECT 1 FROM security WHERE id = ?")
            guard try Bool.fetchOne(securityExists, arguments: [securityID]) != nil
            else { throw StorageError.notFound("no security has the id \(securityID)") }
            let itemExists = try db.cachedStatement(
                sql: "SELECT 1 FROM watchlist_item WHERE account_id = ? AND security_id = ?")
            if try Bool.fetchOne(itemExists, arguments: [userID, securityID]) != nil {
                return .alreadyPresent
            }
            let countItems = try db.cachedStatement(sql: "SELECT count(*) FROM watchlist_item WHERE account_id = ?")
            let count = try Int.fetchOne(countItems, arguments: [userID]) ?? 0
            guard count < limit else {
                throw StorageError.limitReached("a watchlist holds at most \(limit) securities")
            }
            try db.cachedStatement(
                sql: "INSERT INTO watchlist_item (account_id, security_id, added_ms) VALUES (?, ?, ?)"
            ).execute(arguments: [userID, securityID, time.storedMilliseconds])
            return .added
        }
    }

    public func removeFromWatchlist(userID: Int64, securityID: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.cachedStatement(sql: "DELETE FROM watchlist_item WHERE account_id = ? AND security_id = ?")
                .execute(arguments: [userID, securityID])
            return db.changesCount > 0
        }
    }
}
