import Foundation
import PostgresNIO
import StockStorage

/// The statements on every authenticated request and every watchlist read, prepared once per pooled connection
/// so that PostgreSQL neither parses nor plans them again (planning cost more than running them).
enum PreparedStatements {
    /// The columns every security query selects, in `SecurityRow`'s order.
    typealias SecurityRow = (
        Int64, String, String, String, String?, String?, String?, String, Bool, Int64?, Int64?,
        Int64?, Int64?, Int64?, Int64?, String?, Int64?, Int64?
    )

    /// `SecurityRow`'s columns, each name after `prefix` (a table alias with its dot, or nothing).
    static func securityColumns(_ prefix: String = "") -> String {
        [
            "id", "ticker", "name", "exchange", "country", "isin", "currency", "aliases", "is_etf", "last_price_e4",
            "price_time_ms", "previous_close_e4", "day_high_e4", "day_low_e4", "day_volume", "market_state",
            "quote_time_ms", "market_cap_e4",
        ].map { prefix + $0 }.joined(separator: ", ")
    }

    /// The user a valid (neither expired nor revoked) token belongs to, and when the token expires.
    struct TokenByHash: PostgresPreparedStatement {
        static let sql = """
            SELECT a.id, a.username, a.password_hash, a.totp_secret, a.totp_enabled, a.created_ms, t.expires_ms
            FROM auth_token t JOIN account a ON a.id = t.account_id
            WHERE t.token_hash = $1 AND t.revoked_ms IS NULL AND t.expires_ms > $2
            """
        typealias Row = (Int64, String, String, String?, Bool, Int64, Int64)
        var tokenHash: Data
        var nowMilliseconds: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            try bindings.append(tokenHash)
            bindings.append(nowMilliseconds)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// A user's oldest watchlist (the one `/user/security` edits) in the user's order.
    struct Watchlist: PostgresPreparedStatement {
        static let sql = """
            SELECT \(PreparedStatements.securityColumns("s."))
            FROM watchlist_entry e JOIN security s ON s.id = e.security_id
            WHERE e.watchlist_id = (SELECT min(id) FROM watchlist WHERE account_id = $1) ORDER BY e.position
            """
        typealias Row = SecurityRow
        var userID: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(userID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// One list's securities in the user's order, when the list is the user's.
    struct WatchlistEntries: PostgresPreparedStatement {
        static let sql = """
            SELECT \(PreparedStatements.securityColumns("s."))
            FROM watchlist_entry e JOIN watchlist w ON w.id = e.watchlist_id JOIN security s ON s.id = e.security_id
            WHERE e.watchlist_id = $2 AND w.account_id = $1 ORDER BY e.position
            """
        typealias Row = SecurityRow
        var userID: Int64
        var listID: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(userID)
            bindings.append(listID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// One security by id.
    struct SecurityByID: PostgresPreparedStatement {
        static let sql = "SELECT \(PreparedStatements.securityColumns()) FROM security WHERE id = $1"
        typealias Row = SecurityRow
        var id: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}
