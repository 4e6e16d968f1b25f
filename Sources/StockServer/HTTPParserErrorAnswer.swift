import NIOCore
import NIOHTTP1

/// Answers a request NIO's HTTP decoder cannot parse, then closes the connection: `431` with a JSON error for a
/// head over `ConnectionLimits.maxRequestHeadBytes`, `400` for anything else malformed. Like NIO's
/// `HTTPServerProtocolErrorHandler` (which answers every error with an empty 400), it answers only when no
/// response is under way, and passes the error on.
final class HTTPParserErrorAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let maxHeadBytes: Int
    private var responseUnderWay = false
    private var answered = false

    init(maxHeadBytes: Int) {
        self.maxHeadBytes = maxHeadBytes
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if responseUnderWay || answered {
            context.close(promise: nil)
        } else {
            answered = true
            let (status, message) = error == .headerOverflow
                ? (HTTPResponseStatus.requestHeaderFieldsTooLarge, "the request head is over \(maxHeadBytes) bytes")
                : (HTTPResponseStatus.badRequest, "malformed HTTP request")
            var body = context.channel.allocator.buffer(capacity: 64)
            body.writeString(#"{"error":"\#(message)"}"#)
            let headers = HTTPHeaders([
                ("Content-Type", "application/json; charset=utf-8"), ("Content-Length", String(body.readableBytes)),
                ("Connection", "close"),
            ])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                          promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code >= 200: responseUnderWay = true
        case .end: responseUnderWay = false
        case .head, .body: break
        }
        context.write(data, promise: promise)
    }
}
