import Foundation
import StockListing
import StockModel
import StockStorage
import Testing

@Suite("Security store")
struct SecurityStoreTests {
    let apple = ListingRecord(symbol: "AAPL", name: "Apple Inc. - Common Stock", exchange: "NASDAQ")
    let nestle = ListingRecord(
        symbol: "NESN.SW", name: "Nestlé SA", exchange: "EBS", country: "Switzerland", currency: "CHF",
        aliases: ["Nestle S.A."])

    @Test("upsert inserts, then changes nothing on a re-run, then updates only what changed",
          arguments: StorageBackend.allCases)
    func upsertIsIdempotent(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { [apple, nestle] store in
                #expect(try await store.upsert([apple, nestle]) == UpsertCounts(inserted: 2))
                let version = try await store.listingVersion()
                #expect(try await store.upsert([apple, nestle]) == UpsertCounts(unchanged: 2))
                #expect(try await store.listingVersion() == version)

                var renamed = nestle
                renamed.name = "Nestlé S.A."
                let idBefore = try await store.allSecurities().first { $0.ticker == "NESN.SW" }?.id
                #expect(try await store.upsert([apple, renamed]) == UpsertCounts(updated: 1, unchanged: 1))
                #expect(try await store.listingVersion() > version)
                let stored = try await store.allSecurities().first { $0.ticker == "NESN.SW" }
                #expect(stored?.name == "Nestlé S.A.")
                #expect(stored?.id == idBefore)
                #expect(stored?.aliases == ["Nestle S.A."])
                #expect(stored?.country == "Switzerland")
                #expect(stored?.isin == nil)
            }
        }
    }

    @Test("a symbol repeated in one batch counts as if the rows were applied one by one",
          arguments: StorageBackend.allCases)
    func repeatedSymbolInOneBatch(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { [apple] (store) async throws in
                var renamed = apple
                renamed.name = "Apple Inc."
                #expect(try await store.upsert([apple, apple, renamed]) == UpsertCounts(inserted: 1, updated: 1, unchanged: 1))
                #expect(try await store.allSecurities().map(\.name) == ["Apple Inc."])
            }
        }
    }

    @Test("everything is still there after the database is closed and opened again",
          arguments: StorageBackend.allCases)
    func survivesRestart(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { [apple, nestle] store in
                _ = try await store.upsert([apple, nestle])
                let ids = try await store.allSecurities().map(\.id)
                try await store.updatePrices(
                    [PriceUpdate(securityID: ids[0], price: Price("187.1234")!)],
                    seq: 7, at: Date(timeIntervalSince1970: 1_000))
                let user = try await store.createUser(username: "ada", passwordHash: "x", at: Date())
                _ = try await store.addToWatchlist(userID: user.id, securityID: ids[1], limit: 500, at: Date())
            }
            try await database.withStore { reopened in
                let securities = try await reopened.allSecurities()
                #expect(securities.map(\.ticker) == ["AAPL", "NESN.SW"])
                #expect(securities[0].lastPrice == Price("187.1234"))
                #expect(securities[0].priceTime == Date(timeIntervalSince1970: 1_000))
                #expect(securities[1].lastPrice == nil)
                if backend == .sqlite {
                    // (On PostgreSQL the seq lives with the recorded ticks, see PostgresClusterStoreTests.)
                    #expect(try await reopened.lastPriceSeq() == 7)
                }
                let user = try #require(try await reopened.user(username: "ada"))
                #expect(try await reopened.watchlist(userID: user.id).map(\.ticker) == ["NESN.SW"])
            }
        }
    }

    @Test("prices are stored exactly and do not change the listing version", arguments: StorageBackend.allCases)
    func pricesAreExact(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { [apple, nestle] store in
                _ = try await store.upsert([apple, nestle])
                let version = try await store.listingVersion()
                let ids = try await store.allSecurities().map(\.id)
                try await store.updatePrices(
                    [PriceUpdate(securityID: ids[0], price: Price("0.0001")!),
                     PriceUpdate(securityID: ids[1], price: Price("123456789.1234")!)],
                    seq: 1, at: Date(timeIntervalSince1970: 1_700_000_000.123))
                let stored = try await store.securities(ids: ids)
                #expect(stored.map(\.lastPrice) == [Price("0.0001"), Price("123456789.1234")])
                #expect(stored[0].priceTime == Date(timeIntervalSince1970: 1_700_000_000.123))
                #expect(try await store.listingVersion() == version)
            }
        }
    }

    @Test("reference prices fill only missing prices, and the importer takes them from a listing's price column",
          arguments: StorageBackend.allCases)
    func referencePrices(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { [apple, nestle] store in
                _ = try await store.upsert([apple, nestle])
                let ids = try await store.allSecurities().map(\.id)
                try await store.updatePrices([PriceUpdate(securityID: ids[0], price: Price("190")!)], seq: 1, at: Date())
                let set = try await store.setReferenceData([
                    apple.symbol: ReferenceData(price: Price("229.5")), nestle.symbol: ReferenceData(price: Price("76.4")),
                    "UNKNOWN": ReferenceData(price: Price("1")),
                ])
                #expect(set.pricesSet == 1)
                #expect(try await store.securities(ids: ids).map(\.lastPrice) == [Price("190"), Price("76.4")])
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("prices-\(UUID()).csv")
                try "symbol,name,price\nNEW,New Co,12.3400\nAAPL,Apple Inc.,1\n".write(to: file, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(at: file) }
                _ = try await ListingImporter(store: store).importFiles([file.path])
                let byTicker = Dictionary(uniqueKeysWithValues: try await store.allSecurities().map { ($0.ticker, $0) })
                #expect(byTicker["NEW"]?.lastPrice == Price("12.34"))
                #expect(byTicker["AAPL"]?.lastPrice == Price("190"))
            }
        }
    }

    @Test("securities(ids:) keeps the order asked and leaves unknown ids out", arguments: StorageBackend.allCases)
    func lookupByIDs(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { [apple, nestle] store in
                _ = try await store.upsert([apple, nestle])
                let ids = try await store.allSecurities().map(\.id)
                #expect(try await store.securities(ids: [ids[1], 999, ids[0]]).map(\.ticker) == ["NESN.SW", "AAPL"])
                #expect(try await store.securities(ids: []).isEmpty)
                #expect(try await store.security(id: 999) == nil)
                #expect(try await store.security(id: ids[0])?.ticker == "AAPL")
                #expect(try await store.securityCount() == 2)
            }
        }
    }

    static let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

    @Test("the real US directory and the international listing load through the importer, idempotently",
          .enabled(
              if: FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("data/us").path),
              "../shared/data is not beside the repository"),
          arguments: StorageBackend.allCases)
    func importRealFiles(backend: StorageBackend) async throws {
        let files = ["data/us/nasdaqlisted.txt", "data/us/otherlisted.txt", "eval/intl-listings.csv"]
            .map { Self.sharedData.appendingPathComponent($0).path }
        try await backend.withFreshDatabase { database in
            try await database.withStore { (store) async throws in
                let importer = ListingImporter(store: store)
                let first = try await importer.importFiles(files)
                #expect(first.counts == UpsertCounts(inserted: 12_488 + 7_771))
                #expect(first.skippedTestIssues == 33)
                let second = try await importer.importFiles(files)
                #expect(second.counts == UpsertCounts(unchanged: 12_488 + 7_771))
                #expect(try await store.securityCount() == 20_259)
            }
        }
    }

    @Test("a file that is not a listing fails the whole import and changes nothing",
          arguments: StorageBackend.allCases)
    func badFileChangesNothing(backend: StorageBackend) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.csv")
        let bad = directory.appendingPathComponent("bad.txt")
        try "symbol,name\nAAPL,Apple Inc.\n".write(to: good, atomically: true, encoding: .utf8)
        try "this is not a listing\n".write(to: bad, atomically: true, encoding: .utf8)
        try await backend.withFreshDatabase { database in
            try await database.withStore { (store) async throws in
                await #expect(throws: ListingError.self) {
                    _ = try await ListingImporter(store: store).importFiles([good.path, bad.path])
                }
                #expect(try await store.securityCount() == 0)
            }
        }
    }
}
