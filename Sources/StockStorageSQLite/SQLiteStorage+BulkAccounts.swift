import Foundation
import GRDB
import StockStorage

extension SQLiteStorage: BulkAccountStore {
    /// Throws `DatabaseError` (unique constraint) when a name exists, leaving the database unchanged.
    public func insertAccounts(
        _ accounts: [BulkAccount], passwordHash: String, at time: Date, tokenExpiry: Date
    ) async throws {
        try await pool.write { db in
            // A larger page cache for the writer keeps the index inserts of big transactions in memory.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            let insertAccount = try db.cachedStatement(
                sql: "INSERT INTO account (username, password_hash, created_ms) VALUES (?, ?, ?)")
            let insertItem = try db.cachedStatement(
                sql: "INSERT INTO watchlist_entry (watchlist_id, security_id, position) VALUES (?, ?, ?)")
            let insertToken = try db.cachedStatement(
                sql: "INSERT INTO auth_token (token_hash, account_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)")
            let created = time.storedMilliseconds
            let expires = tokenExpiry.storedMilliseconds
            for account in accounts {
                try insertAccount.execute(arguments: [account.username, passwordHash, created])
                let accountID = db.lastInsertedRowID
                let listID = try Self.insertFirstWatchlist(accountID: accountID, createdMilliseconds: created, db)
                for (position, securityID) in account.securityIDs.enumerated() {
                    try insertItem.execute(arguments: [listID, securityID, position + 1])
                }
                if let tokenHash = account.tokenHash {
                    try insertToken.execute(arguments: [tokenHash, accountID, created, expires])
                }
            }
        }
    }

    public func allSecurityIDs() async throws -> [Int64] {
        try await pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM security ORDER BY id") }
    }

    public func finishBulkInsert() async throws -> Int64? {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return fileSize()
    }
}
