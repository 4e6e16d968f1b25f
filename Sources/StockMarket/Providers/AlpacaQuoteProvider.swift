import AsyncHTTPClient
import Logging
import StockCalendar
import StockModel
import StockQuotes

/// Quotes from Alpaca's market data API, `GET {baseURL}/v2/stocks/snapshots?feed=iex&symbols=A,B,...`, in batches
/// whose URL stays within `maxURLBytes`, asked one after the other, each within the `QuoteRequestPolicy`
/// (timeouts, retries with backoff honouring `Retry-After`, the same as the Massive/Polygon snapshot's). The keys
/// go in the `APCA-API-KEY-ID` and `APCA-API-SECRET-KEY` headers, never in the URL or a log line.
///
/// A batch that still fails after its attempts leaves its securities out (they turn stale as any unrefreshed
/// quote does) while the other batches count; a rejected key (`401`, `403`) or a poll in which every batch failed
/// is an error of the whole poll. Only US equities are asked for: a security on a known exchange of another market
/// (`7203.T` on `JPX`) is not, nor a ticker Alpaca cannot spell (anything but `A-Z`, `0-9` and `.`, such as the
/// directory's preferreds `BAC$K`), so that neither can spoil its batch. The mapping of a snapshot into a quote is
/// `AlpacaSnapshot.quote`.
public struct AlpacaQuoteProvider: PriceProvider {
    /// How the provider talks to the API.
    public struct Configuration: Sendable {
        /// The API's base URL, without a trailing path.
        public var baseURL: String
        /// The key id sent as `APCA-API-KEY-ID`.
        public var keyID: String
        /// The secret key sent as `APCA-API-SECRET-KEY`.
        public var secretKey: String
        /// The data feed: `iex`, the free one.
        public var feed = "iex"
        /// The longest request URL a batch may make (8,000 bytes stays inside the common 8 KB request-line
        /// buffers of proxies and servers: about 1,300 five-letter symbols).
        public var maxURLBytes = Self.defaultMaxURLBytes
        /// Timeouts, attempts, backoff and the body's bound, per batch.
        public var requests = QuoteRequestPolicy()

        /// Alpaca's market data API.
        public static let defaultBaseURL = "https://data.alpaca.markets"
        public static let defaultMaxURLBytes = 8000
        /// The bounds `maxURLBytes` is accepted within.
        public static let maxURLBytesRange = 256...65536
        /// The environment variables the keys are read from.
        public static let keyIDVariable = "STOCKTRACKER_ALPACA_KEY_ID"
        public static let secretKeyVariable = "STOCKTRACKER_ALPACA_SECRET_KEY"
        /// The longest ticker asked for.
        static let maxSymbolLength = 21

        public init(baseURL: String = defaultBaseURL, keyID: String, secretKey: String) {
            self.baseURL = baseURL
            self.keyID = keyID
            self.secretKey = secretKey
        }
    }

    public let configuration: Configuration
    private let requester: QuoteRequester
    private let logger: Logger
    /// Which exchanges are US ones (the NYSE/Nasdaq calendar's).
    private let calendars = ExchangeCalendars()
    /// The identifier of the US equities' calendar.
    static let usCalendar = "XNYS"

    /// - Parameter client: the HTTP client to use; the caller keeps it running for the provider's lifetime.
    public init(configuration: Configuration, client: HTTPClient = .shared, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        requester = QuoteRequester(policy: configuration.requests, client: client, logger: logger)
    }

    public func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] {
        let symbols = Set(securities.filter(isAskable).map(\.ticker)).sorted()
        let headers = [("APCA-API-KEY-ID", configuration.keyID), ("APCA-API-SECRET-KEY", configuration.secretKey)]
        var bySymbol = [String: ProviderQuote](minimumCapacity: symbols.count)
        var failure: QuoteProviderError?
        var answered = 0
        for batch in Self.batches(of: symbols, prefix: urlPrefix, maxURLBytes: configuration.maxURLBytes) {
            do {
                let quotes = try await requester.get(
                    urlPrefix + batch.joined(separator: ","), headers: headers,
                    decode: AlpacaSnapshotPayload.quotes(from:))
                bySymbol.merge(quotes) { first, _ in first }
                answered += 1
            } catch let error as QuoteProviderError {
                if error == .status(401) || error == .status(403) { throw error }
                logger.warning(
                    "an Alpaca batch failed, its securities keep their last quotes",
                    metadata: ["symbols": "\(batch.count)", "error": "\(error)"])
                failure = failure ?? error
            }
        }
        if answered == 0, let failure { throw failure }
        var quotes = [Int64: ProviderQuote](minimumCapacity: securities.count)
        for security in securities {
            if let quote = bySymbol[security.ticker] { quotes[security.id] = quote }
        }
        return quotes
    }

    private var urlPrefix: String {
        configuration.baseURL.withoutTrailingSlashes + "/v2/stocks/snapshots?feed=" + configuration.feed + "&symbols="
    }

    /// Whether Alpaca is asked for `security`: a US listing (or one of an exchange not known here) whose ticker
    /// Alpaca can spell.
    private func isAskable(_ security: QuotedSecurity) -> Bool {
        Self.isAlpacaSymbol(security.ticker)
            && (!ExchangeCalendars.isKnown(security.exchange)
                || calendars.calendar(for: security.exchange).identifier == Self.usCalendar)
    }

    /// Whether Alpaca can be asked for `ticker` as it is spelled: 1 to 21 of `A-Z`, `0-9` and `.`.
    static func isAlpacaSymbol(_ ticker: String) -> Bool {
        (1...Configuration.maxSymbolLength).contains(ticker.utf8.count)
            && ticker.utf8.allSatisfy { (65...90).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: ".") }
    }

    /// `symbols` in order, cut into batches whose URL (`prefix`, the symbols and their commas) is at most
    /// `maxURLBytes` long; a symbol that cannot fit even alone is left out.
    static func batches(of symbols: [String], prefix: String, maxURLBytes: Int) -> [[String]] {
        var batches = [[String]]()
        var batch = [String]()
        var length = prefix.utf8.count
        for symbol in symbols {
            let added = symbol.utf8.count + (batch.isEmpty ? 0 : 1)
            if length + added > maxURLBytes, !batch.isEmpty {
                batches.append(batch)
                batch = []
                length = prefix.utf8.count
            }
            guard length + symbol.utf8.count <= maxURLBytes else { continue }
            length += symbol.utf8.count + (batch.isEmpty ? 0 : 1)
            batch.append(symbol)
        }
        if !batch.isEmpty { batches.append(batch) }
        return batches
    }
}
