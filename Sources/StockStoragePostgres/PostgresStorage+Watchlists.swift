import Foundation
import PostgresNIO
import StockModel
import StockStorage

extension PostgresStorage: WatchlistStore {
    public func watchlist(userID: Int64) async throws -> [Security] {
        var securities: [Security] = []
        for try await row in try await client.execute(PreparedStatements.Watchlist(userID: userID), logger: logger) {
            securities.append(Self.security(row))
        }
        return securities
    }

    /// Locks the account row first, so that two concurrent additions for one user (on any node) are counted one
    /// after the other and the limit holds.
    public func addToWatchlist(userID: Int64, securityID: Int64, limit: Int, at time: Date) async throws
        -> WatchlistAddition
    {
        try await client.withConnection { connection in
            try await connection.inTransaction(logger: logger) { connection in
                try await connection.run(
                    "SELECT id FROM account WHERE id = \(userID) FOR UPDATE", logger: logger)
                let rows = try await connection.query(
                    """
                    SELECT EXISTS (SELECT 1 FROM security WHERE id = \(securityID)),
                           EXISTS (SELECT 1 FROM watchlist_item
                                   WHERE account_id = \(userID) AND security_id = \(securityID)),
                           (SELECT count(*) FROM watchlist_item WHERE account_id = \(userID))
                    """, logger: logger)
                var state: (securityExists: Bool, present: Bool, count: Int64)?
                for try await row in rows.decode((Bool, Bool, Int64).self) { state = row }
                guard let state else { throw PostgresStorageError.missingResult("the watchlist check") }
                guard state.securityExists else { throw StorageError.notFound("no security has the id \(securityID)") }
                if state.present { return WatchlistAddition.alreadyPresent }
                guard state.count < limit else {
                    throw StorageError.limitReached("a watchlist holds at most \(limit) securities")
                }
                try await connection.run(
                    """
                    INSERT INTO watchlist_item (account_id, security_id, added_ms)
                    VALUES (\(userID), \(securityID), \(time.storedMilliseconds))
                    """, logger: logger)
                return WatchlistAddition.added
            }
        }
    }

    public func removeFromWatchlist(userID: Int64, securityID: Int64) async throws -> Bool {
        let rows = try await client.query(
            """
            DELETE FROM watchlist_item WHERE account_id = \(userID) AND security_id = \(securityID)
            RETURNING security_id
            """, logger: logger)
        return try await !rows.collect().isEmpty
    }
}
