import Foundation
import Hummingbird
import StockListing
import StockServer
import StockStorage

/// A service on a fresh SQLite file in a temporary folder, loaded with `records` (or the bundled listing).
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
        try await buildApplication(configuration, stores: stores)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
