import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import StockModel
import StockQuotes

/// Quotes from a batch quote API shaped like the Massive (Polygon.io) full-market snapshot,
/// `GET {baseURL}/v2/snapshot/locale/us/markets/stocks/tickers?apiKey=...`: one request per poll for every
/// security. Each attempt has a timeout; failures (transport errors, timeouts, 5xx, 429) are retried with
/// exponential backoff, honouring `Retry-After`; bad quotes (missing, non-positive, non-finite) are left out. A
/// quote carries the previous day's close, today's range and volume and the provider's time where the snapshot
/// gives them (`SnapshotTicker.quote`).
public struct SnapshotQuoteProvider: PriceProvider {
    /// How the provider talks to the API.
    public struct Configuration: Sendable {
        /// The API's base URL, without a trailing path.
        public var baseURL: String
        /// The API key sent as `apiKey`.
        public var apiKey: String
        /// The limit of one attempt, answer body included.
        public var requestTimeout: Duration = .seconds(4)
        /// Attempts per poll, the first included.
        public var maxAttempts = 3
        /// The wait before the second attempt; it doubles with each further one.
        public var initialBackoff: Duration = .milliseconds(250)
        /// The longest wait between attempts, also the cap on a server's `Retry-After`.
        public var maxBackoff: Duration = .seconds(2)
        /// The largest answer accepted (the whole US market is a few megabytes).
        public var maxBodyBytes = 64 << 20

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
    private let client: HTTPClient
    private let logger: Logger

    /// - Parameter client: the HTTP client to use; the caller keeps it running for the provider's lifetime.
    public init(configuration: Configuration, client: HTTPClient = .shared, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.logger = logger
    }

    public func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] {
        let byTicker = try await fetchSnapshot()
        var quotes = [Int64: ProviderQuote](minimumCapacity: securities.count)
        for security in securities {
            if let quote = byTicker[security.ticker] { quotes[security.id] = quote }
        }
        return quotes
    }

    /// The snapshot's quotes by ticker, retried as configured; throws the last attempt's error.
    func fetchSnapshot() async throws -> [String: ProviderQuote] {
        var backoff = configuration.initialBackoff
        var attempt = 1
        while true {
            do {
                return try await fetchOnce()
            } catch let error as QuoteProviderError where error.isRetryable && attempt < configuration.maxAttempts {
                let wait = min(error.retryAfter ?? backoff, configuration.maxBackoff)
                logger.warning(
                    "quote request failed, retrying",
                    metadata: ["attempt": "\(attempt)", "error": "\(error)", "retry_in": "\(wait)"])
                try await Task.sleep(for: wait)
                backoff = min(backoff * 2, configuration.maxBackoff)
                attempt += 1
            }
        }
    }

    private func fetchOnce() async throws -> [String: ProviderQuote] {
        var request = HTTPClientRequest(url: snapshotURL)
        request.headers.add(name: "Accept", value: "application/json")
        let deadline = NIODeadline.now() + .nanoseconds(Int64(configuration.requestTimeout.nanoseconds))
        let body: ByteBuffer
        do {
            let response = try await client.execute(request, deadline: deadline)
            guard response.status == .ok else {
                if response.status == .tooManyRequests {
                    throw QuoteProviderError.rateLimited(retryAfter: response.headers.first(name: "Retry-After")
                        .flatMap { Self.retryAfter($0, cap: configuration.maxBackoff) })
                }
                throw QuoteProviderError.status(Int(response.status.code))
            }
            body = try await response.body.collect(upTo: configuration.maxBodyBytes)
        } catch let error as QuoteProviderError {
            throw error
        } catch {
            throw QuoteProviderError.transport(String(describing: error))
        }
        return try SnapshotPayload.quotes(from: Data(body.readableBytesView))
    }

    private var snapshotURL: String {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let key = configuration.apiKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return base + "/v2/snapshot/locale/us/markets/stocks/tickers?apiKey=" + key
    }

    /// `Retry-After` in seconds, at most `cap` (the HTTP-date form is not used by quote APIs and is ignored).
    /// The number is clamped before it becomes a duration, so no value the server sends can overflow.
    static func retryAfter(_ value: String, cap: Duration) -> Duration? {
        guard let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 else {
            return nil
        }
        let capMilliseconds = Double(cap.nanoseconds / 1_000_000)
        return .milliseconds(Int64(min(seconds * 1000, capMilliseconds).rounded()))
    }
}

/// Why a quote request failed.
public enum QuoteProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The API answered `429 Too Many Requests`, possibly with how long to wait.
    case rateLimited(retryAfter: Duration?)
    /// The API answered with another non-200 status.
    case status(Int)
    /// The request did not complete: connection refused or reset, timeout.
    case transport(String)
    /// The answer was not the expected JSON.
    case malformed(String)

    /// Whether another attempt may succeed: everything but a 4xx other than 429.
    var isRetryable: Bool {
        switch self {
        case .rateLimited, .transport, .malformed: true
        case .status(let code): code >= 500
        }
    }

    var retryAfter: Duration? {
        if case .rateLimited(let retryAfter) = self { retryAfter } else { nil }
    }

    public var description: String {
        switch self {
        case .rateLimited(let retryAfter): "rate limited (retry after \(retryAfter.map { "\($0)" } ?? "unspecified"))"
        case .status(let code): "HTTP status \(code)"
        case .transport(let reason): "transport error: \(reason)"
        case .malformed(let reason): "malformed answer: \(reason)"
        }
    }
}

extension Duration {
    /// The whole duration in nanoseconds, saturated at `Int64.max` (and `.min`) rather than overflowing.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (total, carry) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return carry ? (seconds < 0 ? .min : .max) : total
    }
}
