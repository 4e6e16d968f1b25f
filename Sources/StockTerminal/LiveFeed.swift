import Foundation
import StockClient

/// Keeps the lists, the alerts and the live prices coming: reads the lists and the alerts, follows the price
/// socket (prices, `lists_changed`, fired alerts), and when the connection drops says so and tries again with
/// backoff (the new socket starts with a fresh snapshot, and the lists and alerts are read again).
enum LiveFeed {
    /// Runs until cancelled, or until the server refuses the token (`.sessionExpired`).
    static func run(client: StockClient, send: @escaping @Sendable (WatchEvent) -> Void) async {
        var backoff = Backoff()
        while !Task.isCancelled {
            let reason: String
            do {
                send(.listsLoaded(try await client.watchlists()))
                send(.alertsLoaded(try await client.alerts()))
                let messages = client.socketMessages(onOpen: { send(.connection(.live)) })
                for try await message in messages {
                    backoff.reset()
                    switch message {
                    case .prices(let prices): send(.prices(prices, receivedAt: Date()))
                    case .listsChanged: send(.listsChanged)
                    case .alert(let alert, _): send(.alertFired(alert))
                    }
                }
                reason = "the server closed the connection"
            } catch StockClientError.unauthorized(let message) {
                send(.sessionExpired(message: message))
                return
            } catch let error as StockClientError {
                reason = Self.shortReason(error)
            } catch {
                reason = "\(error)"
            }
            guard !Task.isCancelled else { return }
            let delay = backoff.next()
            send(.connection(.reconnecting(attempt: backoff.attempt, retryAt: Date() + delay.timeInterval,
                                           reason: reason)))
            try? await Task.sleep(for: delay)
        }
    }

    /// "connection refused" rather than "cannot reach the server: connection refused".
    static func shortReason(_ error: StockClientError) -> String {
        if case .unreachable(let reason) = error { return reason }
        return error.message
    }
}

extension Duration {
    /// The duration in seconds, as `Date` arithmetic wants it.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
