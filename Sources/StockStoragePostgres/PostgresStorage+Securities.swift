import Foundation
import PostgresNIO
import StockListing
import StockModel
import StockStorage

extension PostgresStorage: SecurityStore {
    static let securityColumns = PostgresQuery(
        unsafeSQL: "SELECT \(PreparedStatements.securityColumns()) FROM security")

    /// One statement per run of distinct tickers: `INSERT ... ON CONFLICT DO UPDATE ... WHERE IS DISTINCT FROM`
    /// returns a row for each inserted (`xmax = 0`) or updated symbol, and the rest were unchanged.
    public func upsert(_ records: [ListingRecord]) async throws -> UpsertCounts {
        try await writeRuns(of: records) { connection, json, count in
            var counts = UpsertCounts()
            let rows = try await connection.query(
                """
                INSERT INTO security AS s (ticker, name, exchange, country, isin, currency, aliases, is_etf)
                SELECT ticker, name, exchange, country, isin, currency, aliases, is_etf
                FROM jsonb_to_recordset(\(json)::jsonb) AS t(\(unescaped: Self.recordColumns))
                ON CONFLICT (ticker) DO UPDATE SET
                    name = excluded.name, exchange = excluded.exchange, country = excluded.country,
                    isin = excluded.isin, currency = excluded.currency, aliases = excluded.aliases,
                    is_etf = excluded.is_etf
                WHERE (s.name, s.exchange, s.country, s.isin, s.currency, s.aliases, s.is_etf)
                    IS DISTINCT FROM (excluded.name, excluded.exchange, excluded.country, excluded.isin,
                                      excluded.currency, excluded.aliases, excluded.is_etf)
                RETURNING (xmax = 0)
                """, logger: logger)
            for try await inserted in rows.decode(Bool.self) {
                if inserted { counts.inserted += 1 } else { counts.updated += 1 }
            }
            counts.unchanged = count - counts.inserted - counts.updated
            return counts
        }
    }

    /// One statement per run of distinct tickers: an `UPDATE ... FROM jsonb_to_recordset(...)` of the listed rows
    /// that differ, counting them and the listed ones.
    public func update(_ records: [ListingRecord]) async throws -> UpsertCounts {
        try await writeRuns(of: records) { connection, json, count in
            var counts = UpsertCounts()
            let rows = try await connection.query(
                """
                WITH t AS (
                    SELECT * FROM jsonb_to_recordset(\(json)::jsonb) AS t(\(unescaped: Self.recordColumns))
                ), changed AS (
                    UPDATE security AS s SET
                        name = t.name, exchange = t.exchange, country = t.country, isin = t.isin,
                        currency = t.currency, aliases = t.aliases, is_etf = t.is_etf
                    FROM t
                    WHERE s.ticker = t.ticker
                        AND (s.name, s.exchange, s.country, s.isin, s.currency, s.aliases, s.is_etf)
                        IS DISTINCT FROM (t.name, t.exchange, t.country, t.isin, t.currency, t.aliases, t.is_etf)
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM changed), (SELECT count(*) FROM security s JOIN t USING (ticker))
                """, logger: logger)
            for try await (updated, listed) in rows.decode((Int64, Int64).self) {
                counts.updated = Int(updated)
                counts.unchanged = Int(listed - updated)
                counts.notListed = count - Int(listed)
            }
            return counts
        }
    }

    /// The columns of the records `jsonRecords` writes, as `jsonb_to_recordset` reads them.
    private static let recordColumns =
        "ticker TEXT, name TEXT, exchange TEXT, country TEXT, isin TEXT, currency TEXT, aliases TEXT, is_etf BOOLEAN"

    /// Runs `statement` on each run of distinct tickers of `records` (as JSON, with its length) in one
    /// transaction, adds up the counts, and grows the listing's version when a security was inserted or updated.
    private func writeRuns(
        of records: [ListingRecord],
        _ statement: @Sendable (PostgresConnection, String, Int) async throws -> UpsertCounts
    ) async throws -> UpsertCounts {
        guard !records.isEmpty else { return UpsertCounts() }
        let batches = try Self.runsOfDistinctTickers(records).map(Self.jsonRecords)
        return try await client.withConnection { connection in
            try await connection.inTransaction(logger: logger) { connection in
                var counts = UpsertCounts()
                for (json, count) in batches {
                    counts += try await statement(connection, json, count)
                }
                if counts.inserted + counts.updated > 0 {
                    try await connection.run(
                        "UPDATE listing_state SET version = version + 1 WHERE id = 1", logger: logger)
                }
                return counts
            }
        }
    }

    public func allSecurities() async throws -> [Security] {
        try await securities(where: "ORDER BY id")
    }

    public func securities(ids: [Int64]) async throws -> [Security] {
        guard !ids.isEmpty else { return [] }
        let found = try await securities(where: "WHERE id = ANY(\(ids))")
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    public func security(id: Int64) async throws -> Security? {
        for try await row in try await client.execute(PreparedStatements.SecurityByID(id: id), logger: logger) {
            return Self.security(row)
        }
        return nil
    }

    public func securityCount() async throws -> Int {
        let rows = try await client.query("SELECT count(*) FROM security", logger: logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    public func listingVersion() async throws -> Int64 {
        let rows = try await client.query("SELECT version FROM listing_state WHERE id = 1", logger: logger)
        for try await version in rows.decode(Int64.self) { return version }
        return 0
    }

    public func lastPriceSeq() async throws -> Int64 {
        try await lastPriceTickSeq()
    }

    /// The securities selected by `clause` (a `WHERE` and/or `ORDER BY` with bound values).
    func securities(where clause: PostgresQuery) async throws -> [Security] {
        var query = Self.securityColumns
        query.sql += " " + clause.sql
        query.binds = clause.binds
        return try await Self.decodeSecurities(client.query(query, logger: logger))
    }

    /// Decodes rows selected with `securityColumns`' column order.
    static func decodeSecurities(_ rows: PostgresRowSequence) async throws -> [Security] {
        var securities: [Security] = []
        for try await row in rows.decode(PreparedStatements.SecurityRow.self) {
            securities.append(security(row))
        }
        return securities
    }

    /// A security from its columns in `securityColumns`' order.
    static func security(_ row: PreparedStatements.SecurityRow) -> Security {
        let (id, ticker, name, exchange, country, isin, currency, aliases, isETF, priceE4, priceTime) =
            (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10)
        let (previousClose, dayHigh, dayLow, volume, state, quoteTime, marketCap) =
            (row.11, row.12, row.13, row.14, row.15, row.16, row.17)
        return Security(
            id: id, ticker: ticker, name: name, exchange: exchange, country: country, isin: isin,
            currency: currency, aliases: aliases.isEmpty ? [] : aliases.split(separator: ";").map(String.init),
            isETF: isETF, lastPrice: priceE4.map(Price.init(tenThousandths:)),
            priceTime: priceTime.map(Date.init(storedMilliseconds:)),
            quote: QuoteFigures(
                previousClose: previousClose.map(Price.init(tenThousandths:)),
                dayHigh: dayHigh.map(Price.init(tenThousandths:)), dayLow: dayLow.map(Price.init(tenThousandths:)),
                volume: volume, marketState: state.flatMap(MarketState.init(rawValue:)),
                asOf: quoteTime.map(Date.init(storedMilliseconds:))),
            marketCap: marketCap.map(Price.init(tenThousandths:)))
    }

    /// Splits `records` into consecutive runs in which no ticker repeats, because one `ON CONFLICT` statement may
    /// not touch a row twice; applying the runs in order gives the counts a row-by-row upsert gives.
    private static func runsOfDistinctTickers(_ records: [ListingRecord]) -> [[ListingRecord]] {
        var runs: [[ListingRecord]] = [[]]
        var seen = Set<String>()
        for record in records {
            if !seen.insert(record.symbol).inserted {
                runs.append([])
                seen = [record.symbol]
            }
            runs[runs.count - 1].append(record)
        }
        return runs
    }

    /// A run of records as the JSON array `jsonb_to_recordset` reads, with its length.
    private static func jsonRecords(_ records: [ListingRecord]) throws -> (json: String, count: Int) {
        struct Row: Encodable {
            var ticker, name, exchange: String
            var country, isin, currency: String?
            var aliases: String
            var is_etf: Bool
        }
        let rows = records.map {
            Row(
                ticker: $0.symbol, name: $0.name, exchange: $0.exchange, country: $0.country, isin: $0.isin,
                currency: $0.currency, aliases: $0.aliases.joined(separator: ";"), is_etf: $0.isETF)
        }
        return (String(decoding: try JSONEncoder().encode(rows), as: UTF8.self), records.count)
    }
}
