import Foundation
import GRDB

/// One account for `insertAccounts(_:passwordHash:at:tokenExpiry:)`.
public struct BulkAccount: Sendable {
    public var username: String
    /// The watchlist, in the order the items were added.
    public var securityIDs: [Int64]
    /// The SHA-256 hash of a login token to store for the account, if any.
    public var tokenHash: Data?

    public init(username: String, securityIDs: [Int64], tokenHash: Data? = nil) {
        self.username = username
        self.securityIDs = securityIDs
        self.tokenHash = tokenHash
    }
}

extension SQLiteStorage {
    /// Inserts many accounts with their watchlists (and tokens) in one transaction, all with the same password
    /// hash: the data generator's fast path, which bypasses bcrypt and the per-request checks. Throws
    /// `DatabaseError` (unique constraint) when a name exists, leaving the database unchanged.
    public func insertAccounts(
        _ accounts: [BulkAccount], passwordHash: String, at time: Date, tokenExpiry: Date
    ) async throws {
        try await pool.write { db in
            let insertAccount = try db.cachedStatement(
                sql: "INSERT INTO account (username, password_hash, created_ms) VALUES (?, ?, ?)")
            let insertItem = try db.cachedStatement(
                sql: "INSERT INTO watchlist_item (account_id, security_id, added_ms) VALUES (?, ?, ?)")
            let insertToken = try db.cachedStatement(
                sql: "INSERT INTO auth_token (token_hash, account_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)")
            let created = time.storedMilliseconds
            let expires = tokenExpiry.storedMilliseconds
            for account in accounts {
                try insertAccount.execute(arguments: [account.username, passwordHash, created])
                let accountID = db.lastInsertedRowID
                for (position, securityID) in account.securityIDs.enumerated() {
                    try insertItem.execute(arguments: [accountID, securityID, created + Int64(position)])
                }
                if let tokenHash = account.tokenHash {
                    try insertToken.execute(arguments: [tokenHash, accountID, created, expires])
                }
            }
        }
    }

    /// Every security id, ascending.
    public func allSecurityIDs() async throws -> [Int64] {
        try await pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM security ORDER BY id") }
    }
}
