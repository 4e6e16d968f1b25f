import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// The bounds every request of an HTTP quote provider runs within.
public struct QuoteRequestPolicy: Sendable {
    /// The limit of one attempt, answer body included.
    public var requestTimeout: Duration = .seconds(4)
    /// Attempts per request, the first included.
    public var maxAttempts = 3
    /// The wait before the second attempt; it doubles with each further one.
    public var initialBackoff: Duration = .milliseconds(250)
    /// The longest wait between attempts, also the cap on a server's `Retry-After`.
    public var maxBackoff: Duration = .seconds(2)
    /// The largest answer accepted (the whole US market is a few megabytes).
    public var maxBodyBytes = 64 << 20

    public init() {}
}

/// GETs a quote API's answer within a `QuoteRequestPolicy`, the one place the HTTP quote providers share: each
/// attempt has a timeout; failures (transport errors, timeouts, 5xx, 429, an answer that does not decode) are
/// retried with exponential backoff, honouring `Retry-After`; a 4xx other than 429 is not. Headers are sent, never
/// logged (they carry the keys).
struct QuoteRequester: Sendable {
    let policy: QuoteRequestPolicy
    let client: HTTPClient
    let logger: Logger

    /// `decode` (which throws `QuoteProviderError`s) of the body of `url`'s `200` answer, retried as the policy says; throws the last attempt's error.
    func get<Answer>(
        _ url: String, headers: [(String, String)] = [],
        decode: (Data) throws -> Answer
    ) async throws -> Answer {
        var backoff = policy.initialBackoff
        var attempt = 1
        while true {
            do {
                return try decode(try await fetchOnce(url, headers: headers))
            } catch let error as QuoteProviderError where error.isRetryable && attempt < policy.maxAttempts {
                let wait = min(error.retryAfter ?? backoff, policy.maxBackoff)
                logger.warning(
                    "quote request failed, retrying",
                    metadata: ["attempt": "\(attempt)", "error": "\(error)", "retry_in": "\(wait)"])
                try await Task.sleep(for: wait)
                backoff = min(backoff * 2, policy.maxBackoff)
                attempt += 1
            }
        }
    }

    private func fetchOnce(_ url: String, headers: [(String, String)]) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let deadline = NIODeadline.now() + .nanoseconds(policy.requestTimeout.nanoseconds)
        do {
            let response = try await client.execute(request, deadline: deadline)
            guard response.status == .ok else {
                if response.status == .tooManyRequests {
                    throw QuoteProviderError.rateLimited(retryAfter: response.headers.first(name: "Retry-After")
                        .flatMap { Self.retryAfter($0, cap: policy.maxBackoff) })
                }
                throw QuoteProviderError.status(Int(response.status.code))
            }
            let body = try await response.body.collect(upTo: policy.maxBodyBytes)
            return Data(body.readableBytesView)
        } catch let error as QuoteProviderError {
            throw error
        } catch {
            throw QuoteProviderError.transport(String(describing: error))
        }
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
