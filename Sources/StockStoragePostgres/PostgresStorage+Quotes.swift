import Foundation
import Logging
import PostgresNIO
import StockModel
import StockStorage

extension PostgresStorage {
    /// On PostgreSQL a tick's `seq` is kept with the tick itself (`recordPriceTick`, which every node reads), so
    /// only the prices and quotes are stored here: one statement for the updates with a quote, one for the rest.
    public func updatePrices(_ updates: [PriceUpdate], seq: Int64, at time: Date) async throws {
        let withQuote = updates.filter { $0.quote != nil }
        let priceOnly = updates.filter { $0.quote == nil }
        let milliseconds = time.storedMilliseconds
        if !withQuote.isEmpty {
            let quotes = QuoteColumns(withQuote.map { $0.quote! })
            try await client.run(
                """
                UPDATE security SET last_price_e4 = u.price, price_time_ms = \(milliseconds),
                    previous_close_e4 = NULLIF(u.previous_close, \(QuoteColumns.missing)),
                    day_high_e4 = NULLIF(u.day_high, \(QuoteColumns.missing)),
                    day_low_e4 = NULLIF(u.day_low, \(QuoteColumns.missing)),
                    day_volume = NULLIF(u.volume, \(QuoteColumns.missing)), market_state = NULLIF(u.state, ''),
                    quote_time_ms = NULLIF(u.as_of, \(QuoteColumns.missing))
                FROM unnest(
                    \(withQuote.map(\.securityID))::BIGINT[], \(withQuote.map(\.price.tenThousandths))::BIGINT[],
                    \(quotes.previousCloses)::BIGINT[], \(quotes.dayHighs)::BIGINT[], \(quotes.dayLows)::BIGINT[],
                    \(quotes.volumes)::BIGINT[], \(quotes.marketStates)::TEXT[], \(quotes.asOfs)::BIGINT[]
                ) AS u(id, price, previous_close, day_high, day_low, volume, state, as_of)
                WHERE security.id = u.id
                """, logger: logger)
        }
        if !priceOnly.isEmpty {
            let (ids, prices) = (priceOnly.map(\.securityID), priceOnly.map(\.price.tenThousandths))
            try await client.run(
                """
                UPDATE security SET last_price_e4 = u.price, price_time_ms = \(milliseconds)
                FROM unnest(\(ids)::BIGINT[], \(prices)::BIGINT[]) AS u(id, price)
                WHERE security.id = u.id
                """, logger: logger)
        }
    }

    @discardableResult
    public func setReferenceData(_ data: [String: ReferenceData]) async throws -> ReferenceDataCounts {
        let priced = data.filter { $0.value.price != nil }
        let capped = data.compactMapValues(\.marketCap)
        guard !priced.isEmpty || !capped.isEmpty else { return ReferenceDataCounts() }
        let tickers = Array(priced.keys)
        let prices = tickers.map { priced[$0]!.price!.tenThousandths }
        let closes = tickers.map { priced[$0]!.previousClose?.tenThousandths ?? QuoteColumns.missing }
        let capTickers = Array(capped.keys)
        let caps = capTickers.map { capped[$0]!.tenThousandths }
        // Two statements: data-modifying CTEs of one statement must not update the same row twice.
        return try await client.withConnection { connection in
            try await connection.inTransaction(logger: logger) { connection in
                var counts = ReferenceDataCounts()
                counts.pricesSet = try await Self.count(
                    """
                    WITH changed AS (
                        UPDATE security SET last_price_e4 = u.price,
                            previous_close_e4 = COALESCE(NULLIF(u.previous_close, \(QuoteColumns.missing)),
                                                         security.previous_close_e4)
                        FROM unnest(\(tickers)::TEXT[], \(prices)::BIGINT[], \(closes)::BIGINT[])
                            AS u(ticker, price, previous_close)
                        WHERE security.ticker = u.ticker AND security.last_price_e4 IS NULL
                        RETURNING 1
                    )
                    SELECT count(*) FROM changed
                    """, on: connection, logger: logger)
                counts.marketCapsSet = try await Self.count(
                    """
                    WITH changed AS (
                        UPDATE security SET market_cap_e4 = u.market_cap
                        FROM unnest(\(capTickers)::TEXT[], \(caps)::BIGINT[]) AS u(ticker, market_cap)
                        WHERE security.ticker = u.ticker AND security.market_cap_e4 IS DISTINCT FROM u.market_cap
                        RETURNING 1
                    )
                    SELECT count(*) FROM changed
                    """, on: connection, logger: logger)
                // The search ranks by market cap: the index is rebuilt when it changes.
                if counts.marketCapsSet > 0 {
                    try await connection.run(
                        "UPDATE listing_state SET version = version + 1 WHERE id = 1", logger: logger)
                }
                return counts
            }
        }
    }

    /// The one count `query` selects.
    private static func count(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger)
        async throws -> Int
    {
        for try await count in try await connection.query(query, logger: logger).decode(Int64.self) {
            return Int(count)
        }
        return 0
    }
}

/// The figures of several quotes as PostgreSQL arrays, one element per quote (postgres-nio binds no `NULL`
/// elements): a number is `missing` where the figure is unknown, a market state the empty string.
struct QuoteColumns {
    /// The element of an unknown figure; no price, volume or time is ever this.
    static let missing = Int64.min

    var previousCloses: [Int64] = []
    var dayHighs: [Int64] = []
    var dayLows: [Int64] = []
    var volumes: [Int64] = []
    var marketStates: [String] = []
    var asOfs: [Int64] = []

    init(_ quotes: [QuoteFigures]) {
        for quote in quotes {
            previousCloses.append(quote.previousClose?.tenThousandths ?? Self.missing)
            dayHighs.append(quote.dayHigh?.tenThousandths ?? Self.missing)
            dayLows.append(quote.dayLow?.tenThousandths ?? Self.missing)
            volumes.append(quote.volume ?? Self.missing)
            marketStates.append(quote.marketState?.rawValue ?? "")
            asOfs.append(quote.asOf?.storedMilliseconds ?? Self.missing)
        }
    }

    /// The columns as read back; `nil` unless every array is there with `count` elements.
    init?(count: Int, _ previousCloses: [Int64]?, _ dayHighs: [Int64]?, _ dayLows: [Int64]?, _ volumes: [Int64]?,
          _ marketStates: [String]?, _ asOfs: [Int64]?) {
        guard let previousCloses, let dayHighs, let dayLows, let volumes, let marketStates, let asOfs,
              [previousCloses.count, dayHighs.count, dayLows.count, volumes.count, marketStates.count, asOfs.count]
                .allSatisfy({ $0 == count })
        else { return nil }
        (self.previousCloses, self.dayHighs, self.dayLows) = (previousCloses, dayHighs, dayLows)
        (self.volumes, self.marketStates, self.asOfs) = (volumes, marketStates, asOfs)
    }

    /// The figures of the quote at `index`.
    func figures(at index: Int) -> QuoteFigures {
        func known(_ value: Int64) -> Int64? { value == Self.missing ? nil : value }
        return QuoteFigures(
            previousClose: known(previousCloses[index]).map(Price.init(tenThousandths:)),
            dayHigh: known(dayHighs[index]).map(Price.init(tenThousandths:)),
            dayLow: known(dayLows[index]).map(Price.init(tenThousandths:)),
            volume: known(volumes[index]), marketState: MarketState(rawValue: marketStates[index]),
            asOf: known(asOfs[index]).map(Date.init(storedMilliseconds:)))
    }
}
