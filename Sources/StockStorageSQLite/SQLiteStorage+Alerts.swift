import Foundation
import GRDB
import StockModel
import StockStorage

extension SQLiteStorage: AlertStore {
    static let alertColumns = """
        a.id, a.account_id, a.security_id, s.ticker, a.condition, a.value_e4, a.created_ms, a.triggered_ms, a.price_e4
        """

    public func alerts(userID: Int64) async throws -> [StoredAlert] {
        try await pool.read { db in
            try Self.alerts(db, where: "a.account_id = ?", [userID])
        }
    }

    public func createAlert(
        userID: Int64, securityID: Int64, condition: String, value: Int64, limit: Int, at time: Date
    ) async throws -> StoredAlert {
        try await pool.write { db in
            guard let ticker = try String.fetchOne(
                db.cachedStatement(sql: "SELECT ticker FROM security WHERE id = ?"), arguments: [securityID])
            else { throw StorageError.notFound(WatchlistMessages.unknownSecurity(securityID)) }
            let count = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM price_alert WHERE account_id = ?"), arguments: [userID]) ?? 0
            guard count < limit else { throw StorageError.limitReached(AlertMessages.tooMany(limit)) }
            let created = time.storedMilliseconds
            try db.cachedStatement(sql: """
                INSERT INTO price_alert (account_id, security_id, condition, value_e4, created_ms) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [userID, securityID, condition, value, created])
            return StoredAlert(
                id: db.lastInsertedRowID, userID: userID, securityID: securityID, ticker: ticker, condition: condition,
                value: value, createdAt: Date(storedMilliseconds: created))
        }
    }

    public func deleteAlert(userID: Int64, alertID: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.cachedStatement(sql: "DELETE FROM price_alert WHERE id = ? AND account_id = ?")
                .execute(arguments: [alertID, userID])
            return db.changesCount > 0
        }
    }

    public func activeAlerts() async throws -> [StoredAlert] {
        try await pool.read { db in try Self.alerts(db, where: "a.triggered_ms IS NULL", []) }
    }

    public func alert(id: Int64) async throws -> StoredAlert? {
        try await pool.read { db in try Self.alerts(db, where: "a.id = ?", [id]).first }
    }

    public func recordFirings(_ firings: [AlertFiring]) async throws -> [StoredAlert] {
        guard !firings.isEmpty else { return [] }
        return try await pool.write { db in
            let update = try db.cachedStatement(sql: """
                UPDATE price_alert SET triggered_ms = ?, price_e4 = ? WHERE id = ? AND triggered_ms IS NULL
                """)
            var recorded: [Int64] = []
            for firing in firings {
                try update.execute(arguments: [firing.at.storedMilliseconds, firing.price.tenThousandths, firing.alertID])
                if db.changesCount > 0 { recorded.append(firing.alertID) }
            }
            return try Self.alerts(
                db, where: "a.id IN (SELECT value FROM json_each(?))", [Self.jsonArray(recorded)])
        }
    }

    private static func alerts(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [StoredAlert]
    {
        let statement = try db.cachedStatement(sql: """
            SELECT \(alertColumns) FROM price_alert a JOIN security s ON s.id = a.security_id
            WHERE \(condition) ORDER BY a.id
            """)
        return try Row.fetchAll(statement, arguments: arguments).map { row in
            StoredAlert(
                id: row["id"], userID: row["account_id"], securityID: row["security_id"], ticker: row["ticker"],
                condition: row["condition"], value: row["value_e4"],
                createdAt: Date(storedMilliseconds: row["created_ms"]),
                triggeredAt: (row["triggered_ms"] as Int64?).map(Date.init(storedMilliseconds:)),
                price: (row["price_e4"] as Int64?).map(Price.init(tenThousandths:)))
        }
    }
}
