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
    public var logLevel = Logger.Level.info

    public init() {}
}
