import Logging
import StockFixtures
import StockStorage

extension BundledListing {
    /// Imports the bundled listing when `store` holds no security yet, so a first run works with no set-up.
    public static func importIfEmpty(into store: any SecurityStore, logger: Logger) async throws {
        guard try await store.securityCount() == 0 else { return }
        let path = try path()
        let summary = try await ListingImporter(store: store).importFiles([path])
        logger.info(
            "empty database: imported the bundled listing",
            metadata: ["inserted": "\(summary.counts.inserted)", "file": "\(path)"])
    }
}
