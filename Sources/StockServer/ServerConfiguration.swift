import Logging
import StockStorage

/// Everything `stocktracker serve` can be told, from flags or `STOCKTRACKER_*` environment variables.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The SQLite file of the embedded store.
    public var databasePath = "stocktracker.sqlite"
    /// Seconds between two polls of the price provider.
    public var priceInterval = 5.0
    /// The price provider and live-price sockets.
    public var livePrices = LivePricesConfiguration()
    /// The bounds on connections and sockets.
    public var connections = ConnectionLimits()
    public var logLevel = Logger.Level.info
    /// log2 of bcrypt's iterations for new password hashes (4...31; tests use 4).
    public var bcryptCost = 12
    /// How long a login token stays valid, in seconds.
    public var tokenLifetime: Double = 30 * 24 * 3600
    /// The bounds on logins, registrations and password hashing; the trusted proxies.
    public var accounts = AccountLimits()
    /// The bounds on each user's watchlists (lists, items per list, distinct securities).
    public var watchlists = WatchlistLimits()
    /// The most price alerts one user has, fired ones included until deleted.
    public var maxAlertsPerUser = 200
    /// The most bytes of `GET /security` answers kept until the next tick (0: none are kept).
    public var searchCacheBytes = SecuritySearch.defaultResponseCacheBytes

    public init() {}
}
