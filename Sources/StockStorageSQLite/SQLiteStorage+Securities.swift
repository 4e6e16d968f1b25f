import Foundation
import GRDB
import StockListing
import StockModel
import StockStorage

extension SQLiteStorage: SecurityStore {
    static let securityColumns = securityColumns("")

    /// The columns `security(_:)` reads, each name after `prefix` (a table alias with its dot, or nothing).
    static func securityColumns(_ prefix: String) -> String {
        [
            "id", "ticker", "name", "exchange", "country", "isin", "currency", "aliases", "is_etf", "last_price_e4",
            "price_time_ms", "previous_close_e4", "day_high_e4", "day_low_e4", "day_volume", "market_state",
            "quote_time_ms", "market_cap_e4",
        ].map { prefix + $0 }.joined(separator: ", ")
    }

    public func upsert(_ records: [ListingRecord]) async throws -> UpsertCounts {
        try await write(records, inserting: true)
    }

    public func update(_ records: [ListingRecord]) async throws -> UpsertCounts {
        try await write(records, inserting: false)
    }

    /// Updates the changed rows of `records` and, when `inserting`, inserts the new symbols (else counts them as
    /// not listed), in one transaction.
    private func write(_ records: [ListingRecord], inserting: Bool) async throws -> UpsertCounts {
        try await pool.write { db in
            var counts = UpsertCounts()
            let find = try db.cachedStatement(sql: "SELECT \(Self.securityColumns) FROM security WHERE ticker = ?")
            let insert = try db.cachedStatement(sql: """
                INSERT INTO security (ticker, name, exchange, country, isin, currency, aliases, is_etf)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE security SET name = ?, exchange = ?, country = ?, isin = ?, currency = ?, aliases = ?,
                is_etf = ? WHERE id = ?
                """)
            for record in records {
                let aliases = record.aliases.joined(separator: ";")
                if let row = try Row.fetchOne(find, arguments: [record.symbol]) {
                    let existing = Self.security(row)
                    if existing.name == record.name && existing.exchange == record.exchange
                        && existing.country == record.country && existing.isin == record.isin
                        && existing.currency == record.currency && existing.aliases == record.aliases
                        && existing.isETF == record.isETF {
                        counts.unchanged += 1
                        continue
                    }
                    try update.execute(arguments: [
                        record.name, record.exchange, record.country, record.isin, record.currency, aliases,
                        record.isETF, existing.id,
                    ])
                    counts.updated += 1
                } else if !inserting {
                    counts.notListed += 1
                } else {
                    try insert.execute(arguments: [
                        record.symbol, record.name, record.exchange, record.country, record.isin, record.currency,
                        aliases, record.isETF,
                    ])
                    counts.inserted += 1
                }
            }
            if counts.inserted + counts.updated > 0 {
                try db.execute(sql: "UPDATE listing_state SET version = version + 1 WHERE id = 1")
            }
            return counts
        }
    }

    public func allSecurities() async throws -> [Security] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.securityColumns) FROM security ORDER BY id").map(Self.security)
        }
    }

    public func securities(ids: [Int64]) async throws -> [Security] {
        guard !ids.isEmpty else { return [] }
        let found = try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.securityColumns) FROM security WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [Self.jsonArray(ids)]
            ).map(Self.security)
        }
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    public func security(id: Int64) async throws -> Security? {
        try await pool.read { db in
            let statement = try db.cachedStatement(sql: "SELECT \(Self.securityColumns) FROM security WHERE id = ?")
            return try Row.fetchOne(statement, arguments: [id]).map(Self.security)
        }
    }

    public func securityCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM security") ?? 0 }
    }

    public func listingVersion() async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT version FROM listing_state WHERE id = 1") ?? 0
        }
    }

    public func lastPriceSeq() async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM price_state WHERE id = 1") ?? 0
        }
    }

    /// Decodes a row selected with `securityColumns`.
    static func security(_ row: Row) -> Security {
        let aliases: String = row["aliases"]
        return Security(
            id: row["id"], ticker: row["ticker"], name: row["name"], exchange: row["exchange"],
            country: row["country"], isin: row["isin"], currency: row["currency"],
            aliases: aliases.isEmpty ? [] : aliases.split(separator: ";").map(String.init),
            isETF: row["is_etf"],
            lastPrice: (row["last_price_e4"] as Int64?).map(Price.init(tenThousandths:)),
            priceTime: (row["price_time_ms"] as Int64?).map(Date.init(storedMilliseconds:)),
            quote: QuoteFigures(
                previousClose: price(row["previous_close_e4"]), dayHigh: price(row["day_high_e4"]),
                dayLow: price(row["day_low_e4"]), volume: row["day_volume"],
                marketState: (row["market_state"] as String?).flatMap(MarketState.init(rawValue:)),
                asOf: (row["quote_time_ms"] as Int64?).map(Date.init(storedMilliseconds:))),
            marketCap: price(row["market_cap_e4"]))
    }

    private static func price(_ tenThousandths: Int64?) -> Price? {
        tenThousandths.map(Price.init(tenThousandths:))
    }

    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
