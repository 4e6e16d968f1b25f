import Foundation
import PostgresNIO
import StockModel
import StockStorage

extension PostgresStorage: AlertStore {
    public func alerts(userID: Int64) async throws -> [StoredAlert] {
        try await alerts(where: "a.account_id = \(userID)")
    }

    /// Locks the account row first, so that concurrent creations of one user (on any node) keep the limit.
    public func createAlert(
        userID: Int64, securityID: Int64, condition: String, value: Int64, limit: Int, at time: Date
    ) async throws -> StoredAlert {
        let created = time.storedMilliseconds
        return try await client.withConnection { connection in
            try await connection.inTransaction(logger: logger) { connection in
                try await connection.run("SELECT id FROM account WHERE id = \(userID) FOR UPDATE", logger: logger)
                let rows = try await connection.query(
                    """
                    SELECT (SELECT ticker FROM security WHERE id = \(securityID)),
                           (SELECT count(*) FROM price_alert WHERE account_id = \(userID))
                    """, logger: logger)
                var state: (ticker: String?, count: Int64)?
                for try await row in rows.decode((String?, Int64).self) { state = row }
                guard let ticker = state?.ticker
                else { throw StorageError.notFound(WatchlistMessages.unknownSecurity(securityID)) }
                guard let count = state?.count, count < limit
                else { throw StorageError.limitReached(AlertMessages.tooMany(limit)) }
                let inserted = try await connection.query(
                    """
                    INSERT INTO price_alert (account_id, security_id, condition, value_e4, created_ms)
                    VALUES (\(userID), \(securityID), \(condition), \(value), \(created)) RETURNING id
                    """, logger: logger)
                for try await id in inserted.decode(Int64.self) {
                    return StoredAlert(
                        id: id, userID: userID, securityID: securityID, ticker: ticker, condition: condition,
                        value: value, createdAt: Date(storedMilliseconds: created))
                }
                throw PostgresStorageError.missingResult("INSERT INTO price_alert")
            }
        }
    }

    public func deleteAlert(userID: Int64, alertID: Int64) async throws -> Bool {
        let rows = try await client.query(
            "DELETE FROM price_alert WHERE id = \(alertID) AND account_id = \(userID) RETURNING id", logger: logger)
        return try await !rows.collect().isEmpty
    }

    public func activeAlerts() async throws -> [StoredAlert] {
        try await alerts(where: "a.triggered_ms IS NULL")
    }

    public func alert(id: Int64) async throws -> StoredAlert? {
        try await alerts(where: "a.id = \(id)").first
    }

    /// One statement: only alerts still there and not fired before are recorded (and returned), so that of two
    /// leaders racing, or a retry, each alert is recorded once.
    public func recordFirings(_ firings: [AlertFiring]) async throws -> [StoredAlert] {
        guard !firings.isEmpty else { return [] }
        let rows = try await client.query(
            """
            WITH fired AS (
                UPDATE price_alert a SET triggered_ms = f.at_ms, price_e4 = f.price_e4
                FROM unnest(\(firings.map(\.alertID))::BIGINT[], \(firings.map(\.price.tenThousandths))::BIGINT[],
                            \(firings.map(\.at.storedMilliseconds))::BIGINT[]) AS f(id, price_e4, at_ms)
                WHERE a.id = f.id AND a.triggered_ms IS NULL
                RETURNING a.id
            )
            SELECT id FROM fired
            """, logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        guard !ids.isEmpty else { return [] }
        return try await alerts(where: "a.id = ANY(\(ids))")
    }

    /// The alerts selected by `clause` (a condition with bound values on `price_alert a`), oldest first.
    private func alerts(where clause: PostgresQuery) async throws -> [StoredAlert] {
        var query: PostgresQuery = """
            SELECT a.id, a.account_id, a.security_id, s.ticker, a.condition, a.value_e4, a.created_ms,
                   a.triggered_ms, a.price_e4
            FROM price_alert a JOIN security s ON s.id = a.security_id WHERE
            """
        query.sql += " " + clause.sql + " ORDER BY a.id"
        query.binds = clause.binds
        var alerts: [StoredAlert] = []
        let rows = try await client.query(query, logger: logger)
        for try await row in rows.decode((Int64, Int64, Int64, String, String, Int64, Int64, Int64?, Int64?).self) {
            alerts.append(StoredAlert(
                id: row.0, userID: row.1, securityID: row.2, ticker: row.3, condition: row.4, value: row.5,
                createdAt: Date(storedMilliseconds: row.6), triggeredAt: row.7.map(Date.init(storedMilliseconds:)),
                price: row.8.map(Price.init(tenThousandths:))))
        }
        return alerts
    }
}
