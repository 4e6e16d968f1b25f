import ArgumentParser
import StockServer
import StockStorage

/// `serve`'s bounds on each user's watchlists (`WatchlistLimits`) and price alerts (see `docs/security.md`).
struct WatchlistOptions: ParsableArguments {
    @Option(help: "Watchlists one user may have (env STOCKTRACKER_MAX_WATCHLISTS).")
    var maxWatchlists: Int = Settings.environment.int(
        forKey: "max_watchlists", default: Settings.serveDefaults.watchlists.lists)

    @Option(help: "Securities one watchlist may hold (env STOCKTRACKER_MAX_WATCHLIST_ITEMS).")
    var maxWatchlistItems: Int = Settings.environment.int(
        forKey: "max_watchlist_items", default: Settings.serveDefaults.watchlists.itemsPerList)

    @Option(help: """
        Distinct securities over all of one user's watchlists (env STOCKTRACKER_MAX_WATCHED_SECURITIES).
        """)
    var maxWatchedSecurities: Int = Settings.environment.int(
        forKey: "max_watched_securities", default: Settings.serveDefaults.watchlists.distinctSecurities)

    @Option(help: """
        Price alerts one user may have, fired ones included until deleted (env STOCKTRACKER_MAX_ALERTS_PER_USER).
        """)
    var maxAlertsPerUser: Int = Settings.environment.int(
        forKey: "max_alerts_per_user", default: Settings.serveDefaults.maxAlertsPerUser)

    func validate() throws {
        for (flag, value) in [
            ("--max-alerts-per-user", maxAlertsPerUser),
            ("--max-watchlists", maxWatchlists), ("--max-watchlist-items", maxWatchlistItems),
            ("--max-watched-securities", maxWatchedSecurities),
        ] where value < 1 || value > 1_000_000 {
            throw ValidationError("\(flag) must be between 1 and 1000000")
        }
    }

    var limits: WatchlistLimits {
        WatchlistLimits(lists: maxWatchlists, itemsPerList: maxWatchlistItems, distinctSecurities: maxWatchedSecurities)
    }
}
