import ArgumentParser
import StockServer

/// `serve`'s bound on the search answers it keeps (see `docs/security.md`).
struct SearchOptions: ParsableArguments {
    @Option(help: """
        Bytes of GET /security answers kept until the next price tick or listing change, 0 for none \
        (env STOCKTRACKER_SEARCH_CACHE_BYTES).
        """)
    var searchCacheBytes: Int = Settings.environment.int(
        forKey: "search_cache_bytes", default: Settings.serveDefaults.searchCacheBytes)

    func validate() throws {
        guard (0...(1 << 30)).contains(searchCacheBytes) else {
            throw ValidationError("--search-cache-bytes must be between 0 and 1073741824")
        }
    }
}
