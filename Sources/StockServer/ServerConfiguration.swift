import Logging

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
    /// Failed logins allowed per user name and per client address within `loginFailureWindow`.
    public var loginFailuresPerUsername = 5
    public var loginFailuresPerAddress = 20
    /// Seconds over which failed logins are counted.
    public var loginFailureWindow: Double = 15 * 60

    public init() {}
}

extension ServerConfiguration {
    var loginLimits: LoginRateLimiter.Limits {
        var limits = LoginRateLimiter.Limits()
        limits.perUsername = loginFailuresPerUsername
        limits.perAddress = loginFailuresPerAddress
        limits.window = loginFailureWindow
        return limits
    }
}
