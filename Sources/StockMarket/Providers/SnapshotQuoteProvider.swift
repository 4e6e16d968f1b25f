import AsyncHTTPClient
import Foundation
import Logging
import StockModel
import StockQuotes

/// Quotes from a batch quote API shaped like the Massive (Polygon.io) full-market snapshot,
/// `GET {baseURL}/v2/snapshot/locale/us/markets/stocks/tickers?apiKey=...`: one request per poll for every
/// security, within the `QuoteRequestPolicy` (timeouts, retries with backoff honouring `Retry-After`); bad quotes
/// (missing, non-positive, non-finite) are left out. A quote carries the previous day's close, today's range and
/// volume and the provider's time where the snapshot gives them (`SnapshotTicker.quote`).
public struct SnapshotQuoteProvider: PriceProvider {
    /// How the provider talks to the API.
    public struct Configuration: Sendable {
        /// The API's base URL, without a trailing path.
        public var baseURL: String
        /// The API key sent as `apiKey`.
        public var apiKey: String
        /// Timeouts, attempts, backoff and the body's bound.
        public var requests = QuoteRequestPolicy()

        /// The public Massive API.
        public static let defaultBaseURL = "https://api.massive.com"
        /// The environment variable the API key is read from.
        public static let apiKeyVariable = "STOCKTRACKER_QUOTES_API_KEY"

        public init(baseURL: String = defaultBaseURL, apiKey: String) {
            self.baseURL = baseURL
            self.apiKey = apiKey
        }
    }

    public let configuration: Configuration
    private let requester: QuoteRequester

    /// - Parameter client: the HTTP client to use; the caller keeps it running for the provider's lifetime.
    public init(configuration: Configuration, client: HTTPClient = .shared, logger: Logger) {
        self.configuration = configuration
        requester = QuoteRequester(policy: configuration.requests, client: client, logger: logger)
    }

    public func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] {
        let byTicker = try await requester.get(snapshotURL, decode: SnapshotPayload.quotes(from:))
        var quotes = [Int64: ProviderQuote](minimumCapacity: securities.count)
        for security in securities {
            if let quote = byTicker[security.ticker] { quotes[security.id] = quote }
        }
        return quotes
    }

    private var snapshotURL: String {
        let key = configuration.apiKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return configuration.baseURL.withoutTrailingSlashes + "/v2/snapshot/locale/us/markets/stocks/tickers?apiKey="
            + key
    }
}

extension String {
    /// The URL without the slashes it ends with, so that a path can follow.
    var withoutTrailingSlashes: String {
        var base = self
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
