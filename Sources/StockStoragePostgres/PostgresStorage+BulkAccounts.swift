import Foundation
import NIOCore
import PostgresNIO

extension PostgresStorage {
    /// Creates the users numbered `numbers` (`user` followed by the number zero-padded to `digits`), each with a
    /// watchlist of `items` distinct securities, in one statement built on `generate_series`: the data
    /// generator's fast path, which bypasses bcrypt and the per-request checks (one `passwordHash` for all).
    /// User *n*'s items are spread evenly over the listing from a start that depends on *n*, so that every
    /// security is watched by about as many users. Throws when a name exists, leaving the database unchanged.
    public func generateAccounts(
        numbers: ClosedRange<Int>, digits: Int, items: Int, passwordHash: String, at time: Date
    ) async throws {
        let created = time.storedMilliseconds
        let first = Int64(numbers.lowerBound)
        let last = Int64(numbers.upperBound)
        let itemCount = Int64(items)
        let width = Int32(digits)
        try await client.run(
            """
            WITH new_account AS (
                INSERT INTO account (username, password_hash, created_ms)
                SELECT 'user' || lpad(n::TEXT, \(width), '0'), \(passwordHash), \(created)
                FROM generate_series(\(first)::BIGINT, \(last)::BIGINT) AS n
                RETURNING id
            ), listing AS (
                SELECT array_agg(id ORDER BY id) AS ids, count(*) AS size FROM security
            )
            INSERT INTO watchlist_item (account_id, security_id, added_ms)
            SELECT a.id, l.ids[1 + (a.id * 7919 + k * (l.size / greatest(\(itemCount), 1))) % l.size], \(created) + k
            FROM new_account a CROSS JOIN listing l CROSS JOIN generate_series(0, \(itemCount) - 1) AS k
            """, logger: logger)
    }

    /// Stores login tokens (by their SHA-256 hashes) for the users named, as `insertToken` would one by one.
    public func insertTokens(
        _ tokens: [(username: String, hash: Data)], createdAt: Date, expiresAt: Date
    ) async throws {
        guard !tokens.isEmpty else { return }
        let names = tokens.map(\.username)
        let hashes = tokens.map { ByteBuffer(data: $0.hash) }
        try await client.run(
            """
            INSERT INTO auth_token (token_hash, account_id, created_ms, expires_ms)
            SELECT t.hash, a.id, \(createdAt.storedMilliseconds), \(expiresAt.storedMilliseconds)
            FROM unnest(\(names)::TEXT[], \(hashes)::BYTEA[]) AS t(username, hash)
            JOIN account a ON a.username = t.username
            """, logger: logger)
    }
}
