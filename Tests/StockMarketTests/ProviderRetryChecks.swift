import Foundation
import HummingbirdTesting
import StockModel
import StockQuotes
import Testing
@testable import StockMarket

/// The request behaviour every HTTP quote provider shares (`QuoteRequester`), checked against a `FakeQuoteAPI` on
/// the provider's path: retries until an answer, a capped `Retry-After`, a timeout that fails the poll.
struct ProviderRetryChecks {
    /// The route the provider asks.
    var path: String
    var securities: [QuotedSecurity]
    /// A good answer in the provider's JSON shape, in which security 1 is quoted at 187.12.
    var goodBody: String
    /// The provider asking the server on a port, with an attempt's timeout and the attempts per request.
    var provider: @Sendable (_ port: Int, _ timeout: Duration, _ attempts: Int) -> any PriceProvider

    /// The quotes the provider makes of `answers` (each request takes the next), the requests it made and how
    /// long the provider took (the server's start not counted).
    func quotes(
        _ answers: [FakeQuoteAPI.Answer], timeout: Duration = .seconds(10), attempts: Int = 3
    ) async throws -> (quotes: [Int64: ProviderQuote], requests: Int, took: Duration) {
        let api = FakeQuoteAPI(answers, path: path)
        let (quotes, took) = try await api.application().test(.live) { client in
            let provider = provider(try #require(client.port), timeout, attempts)
            let started = ContinuousClock.now
            let quotes = try await provider.quotes(for: securities)
            return (quotes, ContinuousClock.now - started)
        }
        return (quotes, api.requests, took)
    }

    /// A 500, then a 429 with a short `Retry-After`, then the good answer: three requests, the good quotes.
    func retriesUntilAnswered() async throws {
        let (quotes, requests, _) = try await quotes([
            .status(.internalServerError), .status(.tooManyRequests, retryAfter: "0.05"), .json(goodBody),
        ])
        #expect(quotes[1]?.price == Price("187.12"))
        #expect(requests == 3)
    }

    /// A 429 whose `Retry-After` is absurd waits only the capped backoff, then the answer counts.
    func absurdRetryAfterIsCapped(_ values: [String]) async throws {
        for value in values {
            let (quotes, requests, took) = try await quotes(
                [.status(.tooManyRequests, retryAfter: value), .json(goodBody)])
            #expect(quotes[1]?.price == Price("187.12"), "Retry-After: \(value)")
            // The cap is a few seconds; 30 leaves room for a loaded machine and still tells it from 1e17.
            #expect(took < .seconds(30), "Retry-After: \(value) was not capped")
            #expect(requests == 2)
        }
    }

    /// An answer slower than the timeout is a transport error after every attempt: the poll fails, never hangs.
    func slowAnswerFails() async throws {
        let api = FakeQuoteAPI([.slow(.seconds(3), goodBody)], path: path)
        _ = try await api.application().test(.live) { client in
            let provider = provider(try #require(client.port), .milliseconds(200), 2)
            await #expect {
                try await provider.quotes(for: securities)
            } throws: { error in
                if case .transport = error as? QuoteProviderError { true } else { false }
            }
        }
        #expect(api.requests == 2)
    }
}
