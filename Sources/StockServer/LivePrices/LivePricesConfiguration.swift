import StockMarket

/// Where prices come from and how sockets are kept, part of `ServerConfiguration`.
public struct LivePricesConfiguration: Sendable {
    /// The price source.
    public enum Provider: String, Sendable, CaseIterable {
        /// The offline simulated market (the default).
        case simulated
        /// The HTTP batch quote API (Massive/Polygon full-market snapshot).
        case http
        /// Alpaca's market data API (snapshots of the free IEX feed).
        case alpaca
    }

    /// The calendars quotes can follow (`--simulated-calendar`).
    public typealias Calendars = QuoteCalendars.Kind

    public var provider = Provider.simulated
    /// Simulated market: the share of securities (0...1) that move on each tick.
    public var simulatedMovedShare = 0.3
    /// Simulated market: the seed of every price.
    public var simulatedSeed: UInt64 = 0x5EED
    /// Simulated market: the calendars it trades by; `always-open` (the default) keeps a demo moving at night and
    /// reports `regular`, `exchange` follows each exchange's sessions (SPEC).
    public var simulatedCalendar = Calendars.alwaysOpen
    /// HTTP provider: the API's base URL.
    public var quotesBaseURL = "https://api.massive.com"
    /// HTTP provider: the API key (from `STOCKTRACKER_QUOTES_API_KEY`).
    public var quotesAPIKey: String?
    /// Alpaca provider: the API's base URL.
    public var alpacaBaseURL = AlpacaQuoteProvider.Configuration.defaultBaseURL
    /// Alpaca provider: the key id and secret key (from `STOCKTRACKER_ALPACA_KEY_ID`, `STOCKTRACKER_ALPACA_SECRET_KEY`).
    public var alpacaKeyID: String?
    public var alpacaSecretKey: String?
    /// Alpaca provider: the longest URL of one batch of symbols.
    public var alpacaMaxURLBytes = AlpacaQuoteProvider.Configuration.defaultMaxURLBytes
    /// The bounds `alpacaMaxURLBytes` is accepted within.
    public static let alpacaMaxURLBytesRange = AlpacaQuoteProvider.Configuration.maxURLBytesRange
    /// Polls without a fresh quote after which a price is reported stale.
    public var staleAfterPolls = 3
    /// Ticks a socket may stay unable to take its message before it is closed as too slow.
    public var maxTicksBehind = 3
    /// How often idle sockets are pinged; a socket that misses a pong is closed.
    public var pingInterval: Duration = .seconds(30)

    public init() {}

    /// The calendars quotes follow: the simulated market's choice, each exchange's own for real quotes.
    public var quoteCalendars: Calendars { provider == .simulated ? simulatedCalendar : .exchange }
}
