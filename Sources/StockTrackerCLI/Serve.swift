import ArgumentParser
import Logging
import Metrics
import Prometheus
import StockAccounts
import StockApp
import StockServer

/// `stocktracker serve`: runs the service until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the service.")

    @Option(help: "Address to listen on (env STOCKTRACKER_HOST).")
    var host: String = Settings.environment.string(forKey: "host", default: Settings.serveDefaults.host)

    @Option(help: "Port to listen on (env STOCKTRACKER_PORT).")
    var port: Int = Settings.environment.int(forKey: "port", default: Settings.serveDefaults.port)

    @OptionGroup var database: DatabaseOptions

    @OptionGroup(title: "Connection limits") var connections: ConnectionOptions

    @OptionGroup(title: "Account limits") var accounts: AccountOptions

    @OptionGroup(title: "Watchlist and alert limits") var watchlists: WatchlistOptions

    @OptionGroup(title: "Search") var search: SearchOptions

    @Option(help: "Seconds between price polls (env STOCKTRACKER_PRICE_INTERVAL).")
    var priceInterval: Double = Settings.environment.double(
        forKey: "price_interval", default: Settings.serveDefaults.priceInterval)

    @Option(help: "Price provider: simulated (offline), http (Massive/Polygon snapshot API) or alpaca (Alpaca market data, IEX feed) (env STOCKTRACKER_PROVIDER).")
    var provider: String = Settings.environment.string(
        forKey: "provider", default: Settings.serveDefaults.livePrices.provider.rawValue)

    @Option(help: "Simulated market: share of securities moving per tick, 0 to 1 (env STOCKTRACKER_SIMULATED_MOVE_SHARE).")
    var simulatedMoveShare: Double = Settings.environment.double(
        forKey: "simulated_move_share", default: Settings.serveDefaults.livePrices.simulatedMovedShare)

    @Option(help: "Simulated market: the calendars it trades by, always-open (regular at every hour) or exchange (each exchange's sessions, weekends and holidays) (env STOCKTRACKER_SIMULATED_CALENDAR).")
    var simulatedCalendar: String = Settings.environment.string(
        forKey: "simulated_calendar", default: Settings.serveDefaults.livePrices.simulatedCalendar.rawValue)

    @Option(help: "HTTP provider: the quote API's base URL; the key comes from STOCKTRACKER_QUOTES_API_KEY (env STOCKTRACKER_QUOTES_URL).")
    var quotesURL: String = Settings.environment.string(
        forKey: "quotes_url", default: Settings.serveDefaults.livePrices.quotesBaseURL)

    @Option(help: "Alpaca provider: the market data API's base URL; the keys come from STOCKTRACKER_ALPACA_KEY_ID and STOCKTRACKER_ALPACA_SECRET_KEY (env STOCKTRACKER_ALPACA_URL).")
    var alpacaURL: String = Settings.environment.string(
        forKey: "alpaca_url", default: Settings.serveDefaults.livePrices.alpacaBaseURL)

    @Option(help: "Alpaca provider: the longest request URL, which sets how many symbols a batch asks for (env STOCKTRACKER_ALPACA_MAX_URL_BYTES).")
    var alpacaMaxURLBytes: Int = Settings.environment.int(
        forKey: "alpaca_max_url_bytes", default: Settings.serveDefaults.livePrices.alpacaMaxURLBytes)

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env STOCKTRACKER_LOG_LEVEL).")
    var logLevel: String = Settings.environment.string(
        forKey: "log_level", default: Settings.serveDefaults.logLevel.rawValue)

    @Option(help: "bcrypt cost (log2 iterations, 4-31) for new password hashes (env STOCKTRACKER_BCRYPT_COST).")
    var bcryptCost: Int = Settings.environment.int(forKey: "bcrypt_cost", default: Settings.serveDefaults.bcryptCost)

    @Option(help: "Days a login token stays valid (env STOCKTRACKER_TOKEN_LIFETIME_DAYS).")
    var tokenLifetimeDays: Double = Settings.environment.double(
        forKey: "token_lifetime_days", default: Settings.serveDefaults.tokenLifetime / Serve.secondsPerDay)

    private static let secondsPerDay = 24 * 3600.0

    /// The provider and its settings, as the flags and variables say.
    private var liveConfiguration: LivePricesConfiguration {
        var live = Settings.serveDefaults.livePrices
        live.provider = LivePricesConfiguration.Provider(rawValue: provider) ?? .simulated
        live.simulatedMovedShare = simulatedMoveShare
        live.simulatedCalendar = LivePricesConfiguration.Calendars(rawValue: simulatedCalendar) ?? .alwaysOpen
        live.quotesBaseURL = quotesURL
        live.quotesAPIKey = Settings.quotesAPIKey
        live.alpacaBaseURL = alpacaURL
        (live.alpacaKeyID, live.alpacaSecretKey) = Settings.alpacaKeys
        live.alpacaMaxURLBytes = alpacaMaxURLBytes
        return live
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard priceInterval > 0 else { throw ValidationError("--price-interval must be a positive number of seconds") }
        guard LivePricesConfiguration.Provider(rawValue: provider) != nil else {
            throw ValidationError("--provider must be simulated, http or alpaca")
        }
        guard LivePricesConfiguration.alpacaMaxURLBytesRange.contains(alpacaMaxURLBytes) else {
            let range = LivePricesConfiguration.alpacaMaxURLBytesRange
            throw ValidationError("--alpaca-max-url-bytes must be between \(range.lowerBound) and \(range.upperBound)")
        }
        if provider == LivePricesConfiguration.Provider.alpaca.rawValue {
            do {
                _ = try LivePrices.alpacaConfiguration(liveConfiguration)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        guard (0...1).contains(simulatedMoveShare) else {
            throw ValidationError("--simulated-move-share must be between 0 and 1")
        }
        guard LivePricesConfiguration.Calendars(rawValue: simulatedCalendar) != nil else {
            throw ValidationError("--simulated-calendar must be always-open or exchange")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard PasswordHasher.costRange.contains(bcryptCost) else {
            throw ValidationError("--bcrypt-cost must be between 4 and 31")
        }
        guard tokenLifetimeDays > 0 else { throw ValidationError("--token-lifetime-days must be positive") }
    }

    func run() async throws {
        var configuration = Settings.serveDefaults
        configuration.host = host
        configuration.port = port
        configuration.databasePath = database.path
        configuration.priceInterval = priceInterval
        configuration.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        configuration.bcryptCost = bcryptCost
        configuration.tokenLifetime = tokenLifetimeDays * Self.secondsPerDay
        configuration.livePrices = liveConfiguration
        configuration.connections = connections.limits
        configuration.accounts = accounts.limits
        configuration.watchlists = watchlists.limits
        configuration.maxAlertsPerUser = watchlists.maxAlertsPerUser
        configuration.searchCacheBytes = search.searchCacheBytes
        MetricsSystem.bootstrap(PrometheusMetricsFactory())
        try await StockNode.serve(configuration, postgresURL: database.resolvedPostgresURL)
    }
}
