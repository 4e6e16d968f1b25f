import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging

extension StockClient {
    /// The live prices of the user's watchlist over `GET /ws/watchlist`, authenticated by the bearer header.
    ///
    /// One connection: the stream yields each snapshot / prices message in order, finishes when the server closes
    /// the socket, throws `StockClientError.unauthorized` when the server closes it because the token was revoked
    /// or expired (close code 4401), and `StockClientError.unreachable` when it cannot connect or the connection
    /// breaks.
    /// `onOpen` is called once the upgrade succeeded, before the first message. Reconnecting is the caller's
    /// choice (see `Backoff`). Ending the iteration closes the socket.
    public func priceMessages(onOpen: @escaping @Sendable () -> Void = {})
        -> AsyncThrowingStream<PriceMessage, any Error>
    {
        messages(onOpen: onOpen, decode: PriceMessage.decode)
    }

    /// Every message of the socket the terminal follows (prices, `lists_changed`, `alert`), over one connection,
    /// ending and failing as `priceMessages` does.
    public func socketMessages(onOpen: @escaping @Sendable () -> Void = {})
        -> AsyncThrowingStream<SocketMessage, any Error>
    {
        messages(onOpen: onOpen, decode: SocketMessage.decode)
    }

    /// The socket's text frames as `decode` reads them (`nil`: a message of a type it skips).
    private func messages<Message: Sendable>(
        onOpen: @escaping @Sendable () -> Void, decode: @escaping @Sendable (String) throws -> Message?
    ) -> AsyncThrowingStream<Message, any Error> {
        let url = webSocketURL
        var configuration = WebSocketClientConfiguration(
            maxFrameSize: 1 << 20, closeTimeout: .seconds(2), autoPing: .enabled(timePeriod: .seconds(15)))
        if let token { configuration.additionalHeaders[.authorization] = "Bearer \(token)" }
        var logger = Logger(label: "stocktracker.watch")
        logger.logLevel = .critical
        return AsyncThrowingStream { continuation in
            let task = Task { [configuration, logger] in
                do {
                    let client = WebSocketClient(url: url, configuration: configuration, logger: logger) {
                        inbound, _, _ in
                        onOpen()
                        for try await frame in inbound.messages(maxSize: 1 << 20) {
                            guard case .text(let text) = frame else { continue }
                            do {
                                if let message = try decode(text) { continuation.yield(message) }
                            } catch {
                                throw StockClientError.invalidResponse(reason: "socket message: \(error)")
                            }
                        }
                    }
                    let close = try await client.run()
                    if close?.closeCode == .unknown(Self.tokenEndedCloseCode) {
                        let reason = close?.reason.flatMap { $0.isEmpty ? nil : $0 } ?? "the token was revoked or expired"
                        continuation.finish(throwing: StockClientError.unauthorized(message: reason))
                    } else {
                        continuation.finish()
                    }
                } catch let error as StockClientError {
                    continuation.finish(throwing: error)
                } catch {
                    continuation.finish(throwing: StockClientError.unreachable(reason: Self.describe(error)))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The close code of a socket whose token was revoked or expired: log in again.
    static let tokenEndedCloseCode: UInt16 = 4401

    /// `ws://` or `wss://` for the server's `http://` or `https://` base, path `/ws/watchlist`.
    var webSocketURL: String {
        var components = URLComponents(url: server, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.scheme = components.scheme == "https" ? "wss" : "ws"
        components.path = components.path.trimmingSuffix("/") + "/ws/watchlist"
        return components.string ?? "ws://127.0.0.1:8080/ws/watchlist"
    }
}
