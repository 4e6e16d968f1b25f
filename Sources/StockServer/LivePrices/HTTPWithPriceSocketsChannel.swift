import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// The server's connections: HTTP/1 for the routes, and the upgrade of `GET /ws/watchlist` to a live-price
/// WebSocket served straight from NIO.
///
/// An upgraded socket keeps no Swift task, actor or async channel: its pipeline holds NIO's frame decoder and a
/// `PriceSocketHandler`, and the hub's messages are written from the channel's event loop. A refused upgrade is
/// answered with the reason's status and a JSON error (`401` without a valid token, `429` over the user's sockets).
/// Every connection starts with a `ConnectionGuard` (first-request and shutdown deadlines); a request the decoder
/// cannot parse is answered by `HTTPParserErrorAnswer` (`400`, or `431` for an oversized head) and closed.
struct HTTPWithPriceSocketsChannel: ServerChildChannel, HTTPChannelHandler {
    /// What the first request of a connection turned it into.
    enum Negotiated: Sendable {
        case http(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        case refused(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>, PriceSocketRefusal)
        case webSocket
    }

    struct Value: ServerChildChannelValue {
        let negotiated: EventLoopFuture<Negotiated>
        let channel: any Channel
    }

    let responder: HTTPChannelHandler.Responder
    let sockets: PriceSockets
    let limits: ConnectionLimits
    let http1: HTTP1Channel.Configuration

    init(responder: @escaping HTTPChannelHandler.Responder, sockets: PriceSockets, limits: ConnectionLimits) {
        self.responder = Self.redirectingLateUpgrades(responder)
        self.sockets = sockets
        self.limits = limits
        var http1 = HTTP1Channel.Configuration(idleTimeout: TimeAmount(limits.idleTimeout))
        http1.httpDecoder.maxHeaderFieldSize = limits.maxRequestHeadBytes
        http1.httpDecoder.maxHeaderListSize = limits.maxRequestHeadBytes
        self.http1 = http1
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionGuard(limits: limits))
            let decision = NIOLoopBoundBox<PriceSockets.Decision?>(nil, eventLoop: channel.eventLoop)
            let upgrader = PriceSocketUpgrader(sockets: sockets, decision: decision)
            let upgrades = NIOTypedHTTPServerUpgradeConfiguration(
                upgraders: [upgrader],
                notUpgradingCompletionHandler: { [http1] channel in
                    channel.eventLoop.makeCompletedFuture {
                        let operations = channel.pipeline.syncOperations
                        try ConnectionGuard.firstRequestArrived(on: channel)
                        try operations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                        try operations.addHandlers(http1.additionalChannelHandlers())
                        try operations.addHandler(
                            HTTPConnectionStateHandler(idleTimeout: http1.idleTimeout.map { .init($0) }, logger: logger))
                        let http = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
                            wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                        if case .refuse(let refusal) = decision.value { return .refused(http, refusal) }
                        return .http(http)
                    }
                })
            var configuration = NIOUpgradableHTTPServerPipelineConfiguration(upgradeConfiguration: upgrades)
            configuration.enablePipelining = false  // HTTP is pipelined by NIOAsyncChannel
            configuration.enableErrorHandling = false  // HTTPParserErrorAnswer answers parser errors
            configuration.enableResponseHeaderValidation = false  // Swift HTTP Types validate headers
            configuration.decoderConfiguration.maxHeaderFieldSize = http1.httpDecoder.maxHeaderFieldSize
            configuration.decoderConfiguration.maxHeaderListSize = http1.httpDecoder.maxHeaderListSize
            configuration.decoderConfiguration.maxHeaderFieldCount = http1.httpDecoder.maxHeaderFieldCount
            let operations = channel.pipeline.syncOperations
            let negotiated = try operations.configureUpgradableHTTPServerPipeline(configuration: configuration)
            let upgradeHandler = try operations.handler(type: NIOTypedHTTPServerUpgradeHandler<Negotiated>.self)
            try operations.addHandler(
                HTTPParserErrorAnswer(maxHeadBytes: limits.maxRequestHeadBytes), position: .before(upgradeHandler))
            return Value(negotiated: negotiated, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.negotiated.get() {
            case .http(let http):
                await handleHTTP(asyncChannel: http, logger: logger)
            case .refused(let http, let refusal):
                await refusal.answer(on: http, logger: logger)
            case .webSocket:
                break  // Served by its handler on the event loop until it closes.
            }
        } catch let error as ChannelError where error == .inputClosed {
            logger.trace("connection closed before its first request")
        } catch {
            logger.debug("connection failed before its first request", metadata: ["error": "\(error)"])
        }
    }

    /// NIO upgrades only a connection's first request. A later request asking for a WebSocket is redirected to
    /// itself with the connection closed, so that the client retries the upgrade on a new connection. The
    /// `Location` leaves out a `token` query parameter, which would otherwise be echoed to wherever the answer
    /// ends up (proxy logs, caches): a client authenticating that way adds it again.
    private static func redirectingLateUpgrades(_ responder: @escaping HTTPChannelHandler.Responder)
        -> HTTPChannelHandler.Responder
    {
        struct ClosingAfterRedirect: Error {}
        return { request, writer, channel in
            guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                try await responder(request, writer, channel)
                return
            }
            let location = RedactedRequestLog.withoutToken(request.uri)
            try await writer.writeResponse(
                HTTPResponse(status: .temporaryRedirect, headerFields: [.connection: "close", .location: location]))
            throw ClosingAfterRedirect()
        }
    }
}
