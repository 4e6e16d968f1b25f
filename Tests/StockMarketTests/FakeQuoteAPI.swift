import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
@testable import StockMarket

/// A quote API on a real local HTTP server: each request to `path` takes the next scripted answer (the last one
/// repeats), and what it was asked is kept.
final class FakeQuoteAPI: Sendable {
    enum Answer: Sendable {
        case json(String)
        case status(HTTPResponse.Status, retryAfter: String? = nil)
        case slow(Duration, String)
    }

    /// One request as the server saw it: its query parameters and headers.
    struct Received: Sendable {
        var query: [String: String]
        var headers: [String: String]
    }

    private let path: String
    private let state: Mutex<(answers: [Answer], received: [Received])>

    /// - Parameter path: the route answered; the Massive/Polygon snapshot's by default.
    init(_ answers: [Answer], path: String = "v2/snapshot/locale/us/markets/stocks/tickers") {
        self.path = path
        state = Mutex((answers, []))
    }

    var requests: Int { state.withLock { $0.received.count } }
    var received: [Received] { state.withLock { $0.received } }

    func application() -> some ApplicationProtocol {
        let router = Router()
        router.get(RouterPath(path)) { request, _ -> Response in
            var query = [String: String]()
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            var headers = [String: String]()
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let answer = self.state.withLock { state in
                state.received.append(Received(query: query, headers: headers))
                return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
            }
            switch answer {
            case .json(let body):
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: body)))
            case .status(let status, let retryAfter):
                var headers = HTTPFields()
                if let retryAfter { headers[.retryAfter] = retryAfter }
                return Response(status: status, headers: headers)
            case .slow(let delay, let body):
                try await Task.sleep(for: delay)
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: body)))
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}

extension QuoteRequestPolicy {
    /// Short waits, so that the retry tests are quick.
    static func testPolicy(timeout: Duration = .seconds(10), attempts: Int = 3) -> QuoteRequestPolicy {
        var policy = QuoteRequestPolicy()
        policy.requestTimeout = timeout
        policy.maxAttempts = attempts
        policy.initialBackoff = .milliseconds(20)
        policy.maxBackoff = .milliseconds(200)
        return policy
    }
}
