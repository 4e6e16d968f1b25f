import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// The WebSocket handshake of `/ws/watchlist` (RFC 6455 §4.2) for NIO's HTTP server upgrade handler.
///
/// Unlike NIO's own WebSocket upgrader it installs no frame encoder: after the handshake the pipeline holds NIO's
/// frame decoder and a `PriceSocketHandler`, which writes its frames as bytes (`ServerFrame`). The decision
/// (path and token) is kept in `decision` for the connection's not-upgraded path, which answers refusals.
struct PriceSocketUpgrader: NIOTypedHTTPServerProtocolUpgrader {
    let supportedProtocol = "websocket"
    let requiredUpgradeHeaders: [String] = []
    let sockets: PriceSockets
    let decision: NIOLoopBoundBox<PriceSockets.Decision?>

    func buildUpgradeResponse(
        channel: any Channel, upgradeRequest head: HTTPRequestHead, initialResponseHeaders: HTTPHeaders
    ) -> EventLoopFuture<HTTPHeaders> {
        // The head is in: the first-request deadline no longer applies while the token is checked.
        try? ConnectionGuard.firstRequestArrived(on: channel)
        let keys = head.headers["Sec-WebSocket-Key"]
        guard keys.count == 1, head.headers["Sec-WebSocket-Version"] == ["13"] else {
            decision.value = .refuse(.init(
                .badRequest, "a WebSocket handshake needs one Sec-WebSocket-Key and Sec-WebSocket-Version: 13"))
            return channel.eventLoop.makeFailedFuture(NIOWebSocketUpgradeError.invalidUpgradeHeader)
        }
        let accept = Self.acceptValue(for: keys[0])
        return sockets.decide(head, on: channel).flatMapThrowing { [decision] result in
            decision.value = result
            guard case .accept = result else { throw NIOWebSocketUpgradeError.unsupportedWebSocketTarget }
            var headers = initialResponseHeaders
            headers.replaceOrAdd(name: "Upgrade", value: "websocket")
            headers.replaceOrAdd(name: "Connection", value: "upgrade")
            headers.add(name: "Sec-WebSocket-Accept", value: accept)
            return headers
        }
    }

    func upgrade(channel: any Channel, upgradeRequest: HTTPRequestHead)
        -> EventLoopFuture<HTTPWithPriceSocketsChannel.Negotiated>
    {
        channel.eventLoop.makeCompletedFuture {
            guard case .accept(let userID, let token) = decision.value else {
                throw ChannelError.inappropriateOperationForState
            }
            // A fixed send buffer: a client that stops reading blocks our writes (and is closed as too slow)
            // after this much, instead of the kernel growing the buffer to megabytes.
            try channel.syncOptions?.setOption(.socketOption(.so_sndbuf), value: PriceSockets.kernelSendBuffer)
            try channel.syncOptions?.setOption(.writeBufferWaterMark, value: PriceSockets.writeBufferWaterMark)
            let operations = channel.pipeline.syncOperations
            let parserErrors = try operations.context(handlerType: HTTPParserErrorAnswer.self)
            operations.removeHandler(context: parserErrors, promise: nil)
            // Nothing is read while the socket is unwritable, so a client that sends without reading is slowed by
            // TCP instead of having its answers queued here.
            try operations.addHandler(BackPressureHandler())
            try operations.addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: PriceSockets.maxFrameSize)))
            try operations.addHandler(sockets.handler(for: userID, token: token))
            return .webSocket
        }
    }

    /// `Sec-WebSocket-Accept` for a client's key: base64 of the SHA-1 of the key and the protocol's GUID.
    static func acceptValue(for key: String) -> String {
        Data(Insecure.SHA1.hash(data: Data((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
    }
}
