import Foundation
import PostgresNIO
import StockStorage

/// The columns every account query selects: id, username, password_hash, totp_secret, totp_enabled, created_ms.
typealias AccountRow = (Int64, String, String, String?, Bool, Int64)

extension PostgresStorage: AccountStore {
    public func createUser(username: String, passwordHash: String, at time: Date) async throws -> UserAccount {
        let created = time.storedMilliseconds
        do {
            let rows = try await client.query(
                """
                WITH new_account AS (
                    INSERT INTO account (username, password_hash, created_ms)
                    VALUES (\(username), \(passwordHash), \(created)) RETURNING id
                ), first_list AS (
                    INSERT INTO watchlist (account_id, name, created_ms)
                    SELECT id, 'Watchlist', \(created) FROM new_account
                )
                SELECT id FROM new_account
                """, logger: logger)
            for try await id in rows.decode(Int64.self) {
                return UserAccount(
                    id: id, username: username, passwordHash: passwordHash,
                    createdAt: Date(storedMilliseconds: created))
            }
            throw PostgresStorageError.missingResult("INSERT INTO account")
        } catch where error.isUniqueViolation {
            throw StorageError.conflict("the username \(username) is taken")
        }
    }

    public func user(username: String) async throws -> UserAccount? {
        try await account(where: "WHERE username = \(username)")
    }

    public func user(id: Int64) async throws -> UserAccount? {
        try await account(where: "WHERE id = \(id)")
    }

    public func setTOTP(userID: Int64, secret: String?, enabled: Bool) async throws {
        try await client.run(
            "UPDATE account SET totp_secret = \(secret), totp_enabled = \(enabled) WHERE id = \(userID)",
            logger: logger)
    }

    public func useTOTPStep(userID: Int64, step: Int64) async throws -> Bool {
        // One statement: the row lock makes a concurrent use of the same step wait, then fail the condition.
        let rows = try await client.query(
            """
            UPDATE account SET totp_last_step = \(step)
            WHERE id = \(userID) AND (totp_last_step IS NULL OR totp_last_step < \(step))
            RETURNING id
            """, logger: logger)
        return try await rows.collect().count == 1
    }

    public func insertToken(hash: Data, userID: Int64, createdAt: Date, expiresAt: Date) async throws {
        try await client.run(
            """
            INSERT INTO auth_token (token_hash, account_id, created_ms, expires_ms)
            VALUES (\(hash), \(userID), \(createdAt.storedMilliseconds), \(expiresAt.storedMilliseconds))
            """, logger: logger)
    }

    public func token(hash: Data, now: Date) async throws -> AuthorizedToken? {
        let statement = PreparedStatements.TokenByHash(tokenHash: hash, nowMilliseconds: now.storedMilliseconds)
        for try await row in try await client.execute(statement, logger: logger) {
            let (id, username, passwordHash, totpSecret, totpEnabled, created, expires) = row
            return AuthorizedToken(
                user: Self.account((id, username, passwordHash, totpSecret, totpEnabled, created)),
                expiresAt: Date(storedMilliseconds: expires))
        }
        return nil
    }

    public func revokeToken(hash: Data, at time: Date) async throws {
        try await client.run(
            """
            UPDATE auth_token SET revoked_ms = \(time.storedMilliseconds)
            WHERE token_hash = \(hash) AND revoked_ms IS NULL
            """, logger: logger)
    }

    public func deleteDeadTokens(now: Date, limit: Int) async throws -> Int {
        let expired: PostgresQuery = """
            WITH deleted AS (
                DELETE FROM auth_token WHERE token_hash IN (
                    SELECT token_hash FROM auth_token WHERE expires_ms <= \(now.storedMilliseconds) LIMIT \(limit))
                RETURNING 1)
            SELECT count(*) FROM deleted
            """
        let revoked: PostgresQuery = """
            WITH deleted AS (
                DELETE FROM auth_token WHERE token_hash IN (
                    SELECT token_hash FROM auth_token WHERE revoked_ms IS NOT NULL LIMIT \(limit))
                RETURNING 1)
            SELECT count(*) FROM deleted
            """
        var deleted = 0
        for query in [expired, revoked] {
            for try await count in try await client.query(query, logger: logger).decode(Int64.self) {
                deleted += Int(count)
            }
        }
        return deleted
    }

    private func account(where clause: PostgresQuery) async throws -> UserAccount? {
        var query: PostgresQuery =
            "SELECT id, username, password_hash, totp_secret, totp_enabled, created_ms FROM account"
        query.sql += " " + clause.sql
        query.binds = clause.binds
        return try await Self.decodeAccounts(client.query(query, logger: logger)).first
    }

    private static func decodeAccounts(_ rows: PostgresRowSequence) async throws -> [UserAccount] {
        var accounts: [UserAccount] = []
        for try await row in rows.decode(AccountRow.self) { accounts.append(account(row)) }
        return accounts
    }

    /// An account from its columns: id, username, password_hash, totp_secret, totp_enabled, created_ms.
    private static func account(_ row: AccountRow) -> UserAccount {
        let (id, username, passwordHash, totpSecret, totpEnabled, created) = row
        return UserAccount(
            id: id, username: username, passwordHash: passwordHash, totpSecret: totpSecret,
            totpEnabled: totpEnabled, createdAt: Date(storedMilliseconds: created))
    }
}

/// Failures of the PostgreSQL store that are not the caller's to answer.
enum PostgresStorageError: Error, CustomStringConvertible {
    /// A statement that always returns a row returned none.
    case missingResult(String)

    var description: String {
        switch self {
        case .missingResult(let statement): "\(statement) returned no row"
        }
    }
}
