import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Answers a refused WebSocket upgrade with the route's own status and JSON error (`401` for a missing or bad
/// token), where hummingbird-websocket would answer every refused upgrade `400` with an empty body.
///
/// The upgrade router's responder records why it refused a channel's upgrade; a handler placed after the
/// channel's HTTP response encoder rewrites that channel's `400` answer accordingly. Upgrades that succeed are not
/// touched: the handler leaves the pipeline with the `101` answer.
final class UpgradeRefusals: Sendable {
    struct Refusal: Sendable {
        var status: HTTPResponse.Status
        var message: String
    }

    private let refusals = Mutex<[ObjectIdentifier: Refusal]>([:])

    func record(_ refusal: Refusal, for channel: any Channel) {
        refusals.withLock { $0[ObjectIdentifier(channel)] = refusal }
    }

    func take(for channel: ObjectIdentifier) -> Refusal? {
        refusals.withLock { $0.removeValue(forKey: channel) }
    }
}

/// The upgrade router's responder, recording refusals.
struct RefusalRecordingResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == AppRequestContext {
    typealias Context = AppRequestContext
    let inner: Inner
    let refusals: UpgradeRefusals

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            let response = try await inner.respond(to: request, context: context)
            if response.status != .ok {
                refusals.record(.init(status: response.status, message: response.status.reasonPhrase), for: context.channel)
            }
            return response
        } catch let error as APIError {
            refusals.record(.init(status: error.status, message: error.message), for: context.channel)
            throw error
        } catch let error as HTTPResponseError {
            refusals.record(.init(status: error.status, message: error.status.reasonPhrase), for: context.channel)
            throw error
        }
    }
}

/// Rewrites a refused upgrade's `400` answer to the recorded status with `{"error": ...}`.
final class UpgradeRefusalHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let refusals: UpgradeRefusals
    private var pendingBody: ByteBuffer?

    init(refusals: UpgradeRefusals) {
        self.refusals = refusals
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status == .switchingProtocols:
            // Flushed here: the flush that follows the write would not reach a removed handler.
            context.writeAndFlush(wrapOutboundOut(.head(head)), promise: promise)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        case .head(var head) where head.status == .badRequest:
            if let refusal = refusals.take(for: ObjectIdentifier(context.channel)) {
                let body = #"{"error":"# + String(decoding: APIErrorText.jsonString(refusal.message), as: UTF8.self) + "}"
                let buffer = context.channel.allocator.buffer(string: body)
                head.status = .init(statusCode: Int(refusal.status.code))
                head.headers.replaceOrAdd(name: "content-type", value: "application/json; charset=utf-8")
                head.headers.replaceOrAdd(name: "content-length", value: String(buffer.readableBytes))
                pendingBody = buffer
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end(let trailers):
            if let body = pendingBody {
                pendingBody = nil
                context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            }
            context.write(wrapOutboundOut(.end(trailers)), promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        _ = refusals.take(for: ObjectIdentifier(context.channel))
    }
}

/// JSON string escaping for the refusal body.
enum APIErrorText {
    static func jsonString(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": bytes += Array(#"\""#.utf8)
            case "\\": bytes += Array(#"\\"#.utf8)
            case _ where scalar.value < 0x20: bytes += Array(String(format: "\\u%04x", scalar.value).utf8)
            default: bytes += Array(String(scalar).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return bytes
    }
}

/// HTTP/1 with WebSocket upgrade whose refused upgrades are answered by `UpgradeRefusals`.
struct RefusalAnsweringUpgradeChannel: ServerChildChannel {
    let inner: HTTP1WebSocketUpgradeChannel
    let refusals: UpgradeRefusals

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        let refusals = self.refusals
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let encoder = try channel.pipeline.syncOperations.handler(type: HTTPResponseEncoder.self)
            try channel.pipeline.syncOperations.addHandler(
                UpgradeRefusalHandler(refusals: refusals), position: .after(encoder))
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with WebSocket upgrades routed by `webSocketRouter`; a refused upgrade gets the route's status
    /// (`401` without a valid token) and JSON error instead of a bare `400`.
    static func http1WebSocketUpgradeAnsweringRefusals(
        webSocketRouter: Router<AppRequestContext>, configuration: HTTP1WebSocketUpgradeChannel.Configuration
    ) -> HTTPServerBuilder {
        let refusals = UpgradeRefusals()
        let webSocketResponder = RefusalRecordingResponder(inner: webSocketRouter.buildResponder(), refusals: refusals)
        return HTTPServerBuilder { responder in
            RefusalAnsweringUpgradeChannel(
                inner: HTTP1WebSocketUpgradeChannel(
                    responder: responder, webSocketResponder: webSocketResponder, configuration: configuration),
                refusals: refusals)
        }
    }
}
