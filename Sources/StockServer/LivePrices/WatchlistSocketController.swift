import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import ServiceLifecycle
import StockMarket
import StockStorage

/// `GET /ws/watchlist`: the live prices of the authenticated user's watchlist over a WebSocket.
///
/// The upgrade needs a valid token (bearer header or `?token=`), else it is refused with 401. The socket gets a
/// `snapshot` of the whole watchlist, then one `prices` message per tick with its changed prices (see
/// `PriceHub`). Client messages are read (so pings, pongs and close frames are answered) and ignored.
struct WatchlistSocketController {
    let hub: PriceHub
    let accounts: any AccountStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.group("ws")
            .add(middleware: TokenAuthenticator(accounts: accounts))
            .ws("watchlist", shouldUpgrade: { _, context in
                context.user == nil ? .dontUpgrade : .upgrade([:])
            }, onUpgrade: { inbound, outbound, context in
                try await serve(inbound: inbound, outbound: outbound, context: context.requestContext)
            })
    }

    private func serve(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, context: AppRequestContext
    ) async throws {
        guard let user = context.user else { return }
        let closer = SocketCloser(channel: context.channel)
        let id = hub.connect(userID: user.id, closer: closer)
        defer { hub.disconnect(id) }
        do {
            try await hub.reloadWatchlist(userID: user.id)
        } catch {
            context.logger.error("could not load a watchlist", metadata: ["user": "\(user.id)", "error": "\(error)"])
            try await outbound.close(.unexpectedServerError, reason: "could not load the watchlist")
            return
        }
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [hub] in
                    try await Self.writeMessages(of: id, from: hub, to: outbound, channel: context.channel)
                }
                do {
                    for try await _ in inbound {}
                } catch {
                    context.logger.debug("WebSocket read failed", metadata: ["error": "\(error)"])
                }
                hub.disconnect(id)
                try await group.waitForAll()
            }
        } onGracefulShutdown: { [hub] in
            hub.close(id, with: .goingAway)
        }
    }

    /// Sends the hub's messages until the connection is closed. When the hub closed it (slow client, shutdown),
    /// waits for the socket to close so that no second close frame follows the hub's.
    private static func writeMessages(
        of id: PriceConnectionID, from hub: PriceHub, to outbound: WebSocketOutboundWriter, channel: any Channel
    ) async throws {
        while true {
            switch await hub.nextMessage(for: id) {
            case .message(let bytes):
                let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: bytes))
                try await outbound.write(.custom(frame))
            case .closed(nil):
                return
            case .closed(.some):
                try? await channel.closeFuture.get()
                return
            }
        }
    }
}
