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
