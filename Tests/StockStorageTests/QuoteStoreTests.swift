import Foundation
import Logging
import StockListing
import StockModel
import StockStorage
import StockStoragePostgres
import Testing

@Suite("Security store: quotes, reference data, update-only imports")
struct QuoteStoreTests {
    static let listing = [
        ListingRecord(symbol: "AAPL", name: "Apple Inc. - Common Stock", exchange: "NASDAQ", currency: "USD"),
        ListingRecord(symbol: "BRK.B", name: "Berkshire Hathaway Inc.", exchange: "NYSE", currency: "USD"),
        ListingRecord(symbol: "BAC$K", name: "Bank of America Corporation Preferred", exchange: "NYSE"),
    ]

    @Test("the last quote is stored with the price and survives the store being opened again",
          arguments: StorageBackend.allCases)
    func quoteSurvivesRestart(backend: StorageBackend) async throws {
        let quote = QuoteFigures(
            previousClose: Price("185.0001"), dayHigh: Price("188.5"), dayLow: Price("184"), volume: 52_000_123,
            marketState: .post, asOf: Date(timeIntervalSince1970: 1_755_800_000.123))
        try await backend.withFreshDatabase { database in
            let ids = try await database.withStore { store in
                _ = try await store.upsert(Self.listing)
                let ids = try await store.allSecurities().map(\.id)
                try await store.updatePrices(
                    [PriceUpdate(securityID: ids[0], price: Price("187.12")!, quote: quote),
                     PriceUpdate(securityID: ids[1], price: Price("500")!, quote: QuoteFigures())],
                    seq: 3, at: Date(timeIntervalSince1970: 1_755_800_001))
                return ids
            }
            try await database.withStore { store in
                let stored = try await store.securities(ids: ids)
                #expect(stored[0].lastPrice == Price("187.12"))
                #expect(stored[0].quote == quote)
                #expect(stored[1].quote == QuoteFigures())
                #expect(stored[2].lastPrice == nil)
                // A price-only update keeps the rest of the quote.
                try await store.updatePrices(
                    [PriceUpdate(securityID: ids[0], price: Price("190")!)], seq: 4, at: Date())
                #expect(try await store.security(id: ids[0])?.quote == quote)
                let user = try await store.createUser(username: "ada", passwordHash: "x", at: Date())
                _ = try await store.addToWatchlist(userID: user.id, securityID: ids[0], limit: 10, at: Date())
                #expect(try await store.watchlist(userID: user.id).first?.quote == quote)
            }
        }
    }

    @Test("reference data: price and previous close only where there is no price, market caps replaced",
          arguments: StorageBackend.allCases)
    func referenceData(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                _ = try await store.upsert(Self.listing)
                let ids = try await store.allSecurities().map(\.id)
                try await store.updatePrices(
                    [PriceUpdate(securityID: ids[0], price: Price("190")!, quote: QuoteFigures(previousClose: Price("189")))],
                    seq: 1, at: Date())
                let version = try await store.listingVersion()
                let counts = try await store.setReferenceData([
                    "AAPL": ReferenceData(price: Price("229.5"), previousClose: Price("228"), marketCap: Price("3400000000000")),
                    "BRK.B": ReferenceData(price: Price("480.25"), previousClose: Price("478.9")),
                    "BAC$K": ReferenceData(marketCap: Price("12.5")),
                    "UNKNOWN": ReferenceData(price: Price("1"), marketCap: Price("1")),
                ])
                #expect(counts == ReferenceDataCounts(pricesSet: 1, marketCapsSet: 2))
                #expect(try await store.listingVersion() > version)
                let stored = try await store.securities(ids: ids)
                #expect(stored.map(\.lastPrice) == [Price("190"), Price("480.25"), nil])
                #expect(stored.map(\.quote.previousClose) == [Price("189"), Price("478.9"), nil])
                #expect(stored.map(\.marketCap) == [Price("3400000000000"), nil, Price("12.5")])
                // The same market caps again change nothing, and do not grow the version.
                let again = try await store.listingVersion()
                #expect(try await store.setReferenceData(["AAPL": ReferenceData(marketCap: Price("3400000000000"))])
                    == ReferenceDataCounts())
                #expect(try await store.listingVersion() == again)
            }
        }
    }

    @Test("an update-only import updates listed securities and never inserts one", arguments: StorageBackend.allCases)
    func updateOnly(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                _ = try await store.upsert(Self.listing)
                let version = try await store.listingVersion()
                var renamed = Self.listing[0]
                renamed.name = "Apple Inc."
                let counts = try await store.update([
                    renamed, Self.listing[1], ListingRecord(symbol: "ZZZZ", name: "Not listed"), renamed,
                ])
                #expect(counts == UpsertCounts(updated: 1, unchanged: 2, notListed: 1))
                #expect(try await store.listingVersion() > version)
                #expect(try await store.allSecurities().map(\.ticker) == ["AAPL", "BRK.B", "BAC$K"])
                #expect(try await store.allSecurities().first?.name == "Apple Inc.")
                let unchanged = try await store.listingVersion()
                #expect(try await store.update([Self.listing[2]]) == UpsertCounts(unchanged: 1))
                #expect(try await store.listingVersion() == unchanged)
            }
        }
    }

    @Test("a screener file's BRK/B and ^ spellings meet the directory's; --update-only CSV rows join the listing",
          arguments: StorageBackend.allCases)
    func screenerAndUpdateOnlyImports(backend: StorageBackend) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("screener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let screener = directory.appendingPathComponent("nyse_full_tickers.json")
        try """
            [{"symbol":"BRK/B","name":"Berkshire Hathaway Inc. New","lastsale":"$480.25","netchange":"1.35",\
            "pctchange":"0.28%","volume":"3000000","marketCap":"1035000000000.00","country":"United States",\
            "ipoyear":"","industry":"Insurance","sector":"Finance","url":""},
             {"symbol":"BAC^K","name":"Bank of America Preferred","lastsale":"$24.10","netchange":"-0.05",\
            "pctchange":"-0.2%","volume":"1000","marketCap":"","country":"","ipoyear":"","industry":"",\
            "sector":"","url":""},
             {"symbol":"NEWCO","name":"Not In The Directory","lastsale":"$1.00","netchange":"0","pctchange":"0%",\
            "volume":"1","marketCap":"5","country":"","ipoyear":"","industry":"","sector":"","url":""}]
            """.write(to: screener, atomically: true, encoding: .utf8)
        let csv = directory.appendingPathComponent("reference.csv")
        try """
            symbol,name,exchange,currency,price,previous_close,market_cap
            AAPL,Apple Inc. - Common Stock,NASDAQ,USD,309.35,311.30,4514709583000
            NOTLISTED,Nobody,NYSE,USD,1,1,1

            """.write(to: csv, atomically: true, encoding: .utf8)
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                _ = try await store.upsert(Self.listing)
                let fromScreener = try await ListingImporter(store: store).importFiles([screener.path])
                #expect(fromScreener.counts == UpsertCounts())
                #expect(fromScreener.referenceData == ReferenceDataCounts(pricesSet: 2, marketCapsSet: 1))
                let fromCSV = try await ListingImporter(store: store, updateOnly: true).importFiles([csv.path])
                #expect(fromCSV.counts == UpsertCounts(unchanged: 1, notListed: 1))
                #expect(fromCSV.referenceData == ReferenceDataCounts(pricesSet: 1, marketCapsSet: 1))
                let byTicker = Dictionary(uniqueKeysWithValues: try await store.allSecurities().map { ($0.ticker, $0) })
                #expect(byTicker.keys.sorted() == ["AAPL", "BAC$K", "BRK.B"])
                #expect(byTicker["BRK.B"]?.lastPrice == Price("480.25"))
                #expect(byTicker["BRK.B"]?.quote.previousClose == Price("478.9"))
                #expect(byTicker["BRK.B"]?.marketCap == Price("1035000000000"))
                #expect(byTicker["BRK.B"]?.name == "Berkshire Hathaway Inc.")
                #expect(byTicker["BAC$K"]?.lastPrice == Price("24.1"))
                #expect(byTicker["BAC$K"]?.quote.previousClose == Price("24.15"))
                #expect(byTicker["AAPL"]?.lastPrice == Price("309.35"))
                #expect(byTicker["AAPL"]?.quote.previousClose == Price("311.3"))
                #expect(byTicker["AAPL"]?.marketCap == Price("4514709583000"))
            }
        }
    }

    @Test("a recorded tick's quotes read back on every node; a tick some of whose changes lack one keeps the prices")
    func recordedTickQuotes() async throws {
        try await StorageBackend.postgres.withFreshDatabase { database in
            guard case .postgres(let url) = database else { return }
            try await PostgresStorage.withStorage(url: url, logger: .quietTestLogger) { storage in
                _ = try await storage.upsert(Self.listing)
                let ids = try await storage.allSecurities().map(\.id)
                let quoted = PriceTick(seq: 1, at: Date(timeIntervalSince1970: 1_700_000_000), changes: [
                    PriceUpdate(securityID: ids[0], price: Price("1.5")!, quote: QuoteFigures(
                        previousClose: Price("1.4"), dayHigh: Price("1.6"), dayLow: Price("1.3"), volume: 0,
                        marketState: .pre, asOf: Date(timeIntervalSince1970: 1_699_999_999.5))),
                    PriceUpdate(securityID: ids[1], price: Price("2")!, quote: QuoteFigures()),
                ])
                var mixed = quoted
                mixed.seq = 2
                mixed.changes[1].quote = nil
                try await storage.recordPriceTick(quoted)
                try await storage.recordPriceTick(mixed)
                let read = try await storage.priceTicks(after: 0)
                #expect(read.first == quoted)
                #expect(read.last?.changes.map(\.quote) == [nil, nil])
                #expect(read.last?.changes.map(\.price) == [Price("1.5")!, Price("2")!])
            }
        }
    }
}
