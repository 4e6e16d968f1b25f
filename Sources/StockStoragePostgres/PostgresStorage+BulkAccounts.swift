import Foundation
import NIOCore
import PostgresNIO
import StockStorage

extension PostgresStorage: BulkAccountStore {
    public func allSecurityIDs() async throws -> [Int64] {
        let rows = try await client.query("SELECT id FROM security ORDER BY id", logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    /// One statement, so one transaction: the accounts, their items and their tokens travel as arrays and are
    /// inserted by data-modifying `WITH` clauses.
    public func insertAccounts(
        _ accounts: [BulkAccount], passwordHash: String, at time: Date, tokenExpiry: Date
    ) async throws {
        guard !accounts.isEmpty else { return }
        let names = accounts.map(\.username)
        let items = accounts.flatMap { account in
            account.securityIDs.enumerated().map { (account.username, $1, Int64($0)) }
        }
        let tokens = accounts.compactMap { account in account.tokenHash.map { (account.username, ByteBuffer(data: $0)) } }
        let created = time.storedMilliseconds
        try await client.run(
            """
            WITH new_account AS (
                INSERT INTO account (username, password_hash, created_ms)
                SELECT name, \(passwordHash), \(created) FROM unnest(\(names)::TEXT[]) AS name
                RETURNING id, username
            ), new_token AS (
                INSERT INTO auth_token (token_hash, account_id, created_ms, expires_ms)
                SELECT t.hash, a.id, \(created), \(tokenExpiry.storedMilliseconds)
                FROM unnest(\(tokens.map(\.0))::TEXT[], \(tokens.map(\.1))::BYTEA[]) AS t(username, hash)
                JOIN new_account a ON a.username = t.username
            ), new_list AS (
                INSERT INTO watchlist (account_id, name, created_ms)
                SELECT id, 'Watchlist', \(created) FROM new_account
                RETURNING id, account_id
            )
            INSERT INTO watchlist_entry (watchlist_id, security_id, position)
            SELECT l.id, i.security_id, i.position + 1
            FROM unnest(\(items.map(\.0))::TEXT[], \(items.map(\.1))::BIGINT[], \(items.map(\.2))::BIGINT[])
                AS i(username, security_id, position)
            JOIN new_account a ON a.username = i.username JOIN new_list l ON l.account_id = a.id
            """, logger: logger)
    }

    public func finishBulkInsert() async throws -> Int64? { nil }
}
