import Logging
import ServiceLifecycle
import StockStorage

/// Watches the stored listing and swaps in a rebuilt search index when an import changed it, so a running
/// server picks up `stocktracker import` (from any node) within `interval` seconds.
struct SearchIndexRefresher: Service {
    let search: SecuritySearch
    let store: any SecurityStore
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: interval)
            do {
                if try await search.reloadIfChanged(from: store) {
                    logger.info("listing changed: search index rebuilt", metadata: [
                        "records": "\(search.statistics.records)"
                    ])
                }
            } catch {
                logger.error("could not rebuild the search index", metadata: ["error": "\(error)"])
            }
        }
    }
}
