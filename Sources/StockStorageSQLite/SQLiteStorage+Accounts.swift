import Foundation
import GRDB
import StockStorage

extension SQLiteStorage: AccountStore {
    private static let accountColumns = "id, username, password_hash, totp_secret, totp_enabled, created_ms"

    public func createUser(username: String, passwordHash: String, at time: Date) async throws -> UserAccount {
        do {
            return try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO account (username, password_hash, created_ms) VALUES (?, ?, ?)",
                    arguments: [username, passwordHash, time.storedMilliseconds])
                let id = db.lastInsertedRowID
                try Self.insertFirstWatchlist(accountID: id, createdMilliseconds: time.storedMilliseconds, db)
                return UserAccount(
                    id: id, username: username, passwordHash: passwordHash,
                    createdAt: Date(storedMilliseconds: time.storedMilliseconds))
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StorageError.conflict("the username \(username) is taken")
        }
    }

    public func user(username: String) async throws -> UserAccount? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.accountColumns) FROM account WHERE username = ?", arguments: [username]
            ).map(Self.account)
        }
    }

    public func user(id: Int64) async throws -> UserAccount? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.accountColumns) FROM account WHERE id = ?", arguments: [id])
                .map(Self.account)
        }
    }

    public func setTOTP(userID: Int64, secret: String?, enabled: Bool) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE account SET totp_secret = ?, totp_enabled = ? WHERE id = ?",
                arguments: [secret, enabled, userID])
        }
    }

    public func useTOTPStep(userID: Int64, step: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE account SET totp_last_step = ?
                    WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)
                    """,
                arguments: [step, userID, step])
            return db.changesCount == 1
        }
    }

    public func insertToken(hash: Data, userID: Int64, createdAt: Date, expiresAt: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO auth_token (token_hash, account_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)",
                arguments: [hash, userID, createdAt.storedMilliseconds, expiresAt.storedMilliseconds])
        }
    }

    public func token(hash: Data, now: Date) async throws -> AuthorizedToken? {
        try await pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT a.id, a.username, a.password_hash, a.totp_secret, a.totp_enabled, a.created_ms, t.expires_ms
                FROM auth_token t JOIN account a ON a.id = t.account_id
                WHERE t.token_hash = ? AND t.revoked_ms IS NULL AND t.expires_ms > ?
                """)
            return try Row.fetchOne(statement, arguments: [hash, now.storedMilliseconds]).map { row in
                AuthorizedToken(user: Self.account(row), expiresAt: Date(storedMilliseconds: row["expires_ms"]))
            }
        }
    }

    public func revokeToken(hash: Data, at time: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE auth_token SET revoked_ms = ? WHERE token_hash = ? AND revoked_ms IS NULL",
                arguments: [time.storedMilliseconds, hash])
        }
    }

    public func deleteDeadTokens(now: Date, limit: Int) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: """
                    DELETE FROM auth_token WHERE token_hash IN (
                        SELECT token_hash FROM auth_token WHERE expires_ms <= ? LIMIT ?)
                    """,
                arguments: [now.storedMilliseconds, limit])
            let expired = db.changesCount
            try db.execute(
                sql: """
                    DELETE FROM auth_token WHERE token_hash IN (
                        SELECT token_hash FROM auth_token WHERE revoked_ms IS NOT NULL LIMIT ?)
                    """,
                arguments: [limit])
            return expired + db.changesCount
        }
    }

    private static func account(_ row: Row) -> UserAccount {
        UserAccount(
            id: row["id"], username: row["username"], passwordHash: row["password_hash"],
            totpSecret: row["totp_secret"], totpEnabled: row["totp_enabled"],
            createdAt: Date(storedMilliseconds: row["created_ms"]))
    }
}
