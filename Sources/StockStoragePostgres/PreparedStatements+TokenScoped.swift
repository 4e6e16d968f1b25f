import Foundation
import PostgresNIO

/// The list statements that check the request's token themselves (`PostgresStorage: TokenScopedWatchlistStore`):
/// `$1` is the token's hash, `$2` the time in milliseconds it must not have expired by. A token is valid when
/// neither revoked nor expired, as in `TokenByHash`.
extension PreparedStatements {
    /// The token's user (first column, on every row) and its lists with their sizes, in creation order; no row
    /// for an invalid token.
    struct ListsByToken: PostgresPreparedStatement {
        static let sql = """
            SELECT t.account_id, w.id, w.name, (SELECT count(*) FROM watchlist_entry e WHERE e.watchlist_id = w.id)
            FROM auth_token t LEFT JOIN watchlist w ON w.account_id = t.account_id
            WHERE t.token_hash = $1 AND t.revoked_ms IS NULL AND t.expires_ms > $2 ORDER BY w.id
            """
        typealias Row = (Int64, Int64?, String?, Int64)
        var token: TokenBinding

        func makeBindings() throws -> PostgresBindings { try token.bindings() }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The token's user (first column) and the securities of its list `$3` (its oldest when `$3` is NULL), in
    /// the list's order; no row for an invalid token, a list of another user or an empty list.
    struct EntriesByToken: PostgresPreparedStatement {
        static let sql = """
            SELECT t.account_id, \(PreparedStatements.securityColumns("s."))
            FROM auth_token t
            JOIN watchlist w ON w.account_id = t.account_id
                AND w.id = COALESCE($3, (SELECT min(id) FROM watchlist m WHERE m.account_id = t.account_id))
            JOIN watchlist_entry e ON e.watchlist_id = w.id JOIN security s ON s.id = e.security_id
            WHERE t.token_hash = $1 AND t.revoked_ms IS NULL AND t.expires_ms > $2 ORDER BY e.position
            """
        typealias Row = OwnedSecurityRow
        var token: TokenBinding
        var listID: Int64?

        func makeBindings() throws -> PostgresBindings {
            var bindings = try token.bindings()
            bindings.append(listID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Adds security `$4` to list `$3` (the oldest when NULL) of the token's user within `$5` items per list and
    /// `$6` distinct securities (`watchlist_add_by_token`), with the security's columns; no row when the security
    /// does not exist.
    struct AddByToken: PostgresPreparedStatement {
        static let sql = """
            SELECT r.owner_id, r.outcome, r.item_count, r.distinct_count, r.already_watched,
                   \(PreparedStatements.securityColumns("s."))
            FROM watchlist_add_by_token($1, $2, $3, $4, $5, $6) r JOIN security s ON s.id = $4
            """
        typealias Row = (
            Int64?, String, Int64, Int64, Bool,
            Int64, String, String, String, String?, String?, String?, String, Bool, Int64?, Int64?,
            Int64?, Int64?, Int64?, Int64?, String?, Int64?, Int64?
        )
        var token: TokenBinding
        var listID: Int64?
        var securityID: Int64
        var maximumItems: Int64
        var maximumDistinct: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = try token.bindings()
            bindings.append(listID)
            bindings.append(securityID)
            bindings.append(maximumItems)
            bindings.append(maximumDistinct)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Puts list `$3` of the token's user in the order of `$4` (`watchlist_reorder_by_token`).
    struct ReorderByToken: PostgresPreparedStatement {
        static let sql = "SELECT owner_id, outcome FROM watchlist_reorder_by_token($1, $2, $3, $4)"
        typealias Row = (Int64?, String)
        var token: TokenBinding
        var listID: Int64
        var securityIDs: [Int64]

        func makeBindings() throws -> PostgresBindings {
            var bindings = try token.bindings()
            bindings.append(listID)
            bindings.append(securityIDs)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// A user id, then `SecurityRow`'s columns.
    typealias OwnedSecurityRow = (
        Int64, Int64, String, String, String, String?, String?, String?, String, Bool, Int64?, Int64?,
        Int64?, Int64?, Int64?, Int64?, String?, Int64?, Int64?
    )

    /// The token parameters `$1` and `$2` of every statement here.
    struct TokenBinding: Sendable {
        var hash: Data
        var nowMilliseconds: Int64

        func bindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 6)
            try bindings.append(hash)
            bindings.append(nowMilliseconds)
            return bindings
        }
    }
}
