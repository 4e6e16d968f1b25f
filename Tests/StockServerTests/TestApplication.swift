import Foundation
import Hummingbird
import Logging
import StockApp
import StockFixtures
import StockListing
import StockMarket
import StockApp
import StockServer
import StockModel
import StockQuotes
import StockStorage

/// A service on a fresh SQLite file in a temporary folder, loaded with `records` (or the bundled listing), whose
/// prices stay as stored: its price provider quotes nothing.
final class TestApplication {
    let folder: URL
    let stores: Stores

    init(records: [ListingRecord]? = nil) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        stores = try Stores.sqlite(path: folder.appendingPathComponent("db.sqlite").path)
        if let records { _ = try await stores.securities.upsert(records) }
    }

    func build(_ configuration: ServerConfiguration = ServerConfiguration()) async throws -> some ApplicationProtocol {
        let logger = Logger(label: "test")
        try await BundledListing.importIfEmpty(into: stores.securities, logger: logger)
        let livePrices = LivePrices(
            provider: NoQuotes(), stores: stores, interval: .seconds(60), configuration: LivePricesConfiguration(),
            logger: logger)
        return try await buildApplication(configuration, stores: stores, livePrices: livePrices)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// A price provider that never quotes anything.
struct NoQuotes: PriceProvider {
    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] { [:] }
}
