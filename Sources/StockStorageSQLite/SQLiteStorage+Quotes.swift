import Foundation
import GRDB
import StockModel
import StockStorage

extension SQLiteStorage {
    public func updatePrices(_ updates: [PriceUpdate], seq: Int64, at time: Date) async throws {
        try await pool.write { db in
            let priceOnly = try db.cachedStatement(
                sql: "UPDATE security SET last_price_e4 = ?, price_time_ms = ? WHERE id = ?")
            let withQuote = try db.cachedStatement(sql: """
                UPDATE security SET last_price_e4 = ?, price_time_ms = ?, previous_close_e4 = ?, day_high_e4 = ?,
                day_low_e4 = ?, day_volume = ?, market_state = ?, quote_time_ms = ? WHERE id = ?
                """)
            let milliseconds = time.storedMilliseconds
            for update in updates {
                let price = update.price.tenThousandths
                guard let quote = update.quote else {
                    try priceOnly.execute(arguments: [price, milliseconds, update.securityID])
                    continue
                }
                try withQuote.execute(arguments: [
                    price, milliseconds, quote.previousClose?.tenThousandths, quote.dayHigh?.tenThousandths,
                    quote.dayLow?.tenThousandths, quote.volume, quote.marketState?.rawValue,
                    quote.asOf?.storedMilliseconds, update.securityID,
                ])
            }
            try db.execute(sql: "UPDATE price_state SET seq = ? WHERE id = 1", arguments: [seq])
        }
    }

    @discardableResult
    public func setReferenceData(_ data: [String: ReferenceData]) async throws -> ReferenceDataCounts {
        guard !data.isEmpty else { return ReferenceDataCounts() }
        return try await pool.write { db in
            let setPrice = try db.cachedStatement(sql: """
                UPDATE security SET last_price_e4 = ?, previous_close_e4 = coalesce(?, previous_close_e4)
                WHERE ticker = ? AND last_price_e4 IS NULL
                """)
            let setMarketCap = try db.cachedStatement(
                sql: "UPDATE security SET market_cap_e4 = ? WHERE ticker = ? AND market_cap_e4 IS NOT ?")
            var counts = ReferenceDataCounts()
            for (ticker, reference) in data {
                if let price = reference.price {
                    try setPrice.execute(
                        arguments: [price.tenThousandths, reference.previousClose?.tenThousandths, ticker])
                    counts.pricesSet += db.changesCount
                }
                if let marketCap = reference.marketCap {
                    try setMarketCap.execute(arguments: [marketCap.tenThousandths, ticker, marketCap.tenThousandths])
                    counts.marketCapsSet += db.changesCount
                }
            }
            // The search ranks by market cap: the index is rebuilt when it changes.
            if counts.marketCapsSet > 0 {
                try db.execute(sql: "UPDATE listing_state SET version = version + 1 WHERE id = 1")
            }
            return counts
        }
    }
}
