import Logging
import NIOCore
import NIOWebSocket
import StockMarket

/// One upgraded `/ws/watchlist` socket, served from its channel's event loop with no task of its own.
///
/// On joining the pipeline it connects to the hub and loads the user's watchlist. When the hub says messages wait,
/// it takes them while the channel is writable, and the channel stops being writable as soon as a byte is left
/// unsent (see `PriceSockets.writeBufferWaterMark`): a socket that does not drain holds at most one message
/// here, takes nothing more, and the hub closes it after `maxTicksBehind` ticks.
/// Pings are answered; the client is pinged every `pingInterval` and dropped when a ping goes unanswered. The
/// server's quiesce event (graceful shutdown) closes the socket with 1001.
final class PriceSocketHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = ByteBuffer

    private let userID: Int64
    private let sockets: PriceSockets
    private var context: ChannelHandlerContext?
    private var id: PriceSocketID?
    /// Inside `sendWaitingMessages` (whose own flushes report writability changes).
    private var sending = false
    private var closeSent = false
    private var awaitingPong = false
    private var pings: RepeatedTask?

    init(userID: Int64, sockets: PriceSockets) {
        self.userID = userID
        self.sockets = sockets
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let eventLoop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let socket = PriceSocketHandle(
            handler: bound, eventLoop: eventLoop, queue: sockets.deliveryQueues.queue(for: eventLoop))
        let hub = sockets.hub
        let id = hub.connect(userID: userID, socket: socket)
        self.id = id
        let interval = sockets.pingInterval
        pings = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in bound.value.ping() }
        let (userID, logger) = (userID, sockets.logger)
        Task {
            do {
                try await hub.reloadWatchlist(userID: userID)
            } catch {
                logger.error("could not load a watchlist", metadata: ["user": "\(userID)", "error": "\(error)"])
                hub.close(id, with: .watchlistUnavailable)
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        leaveHub()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        leaveHub()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        awaitingPong = false
        switch frame.opcode {
        case .ping:
            let pong = ServerFrame.control(ServerFrame.pong, payload: frame.unmaskedData, allocator: context.channel.allocator)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            answerClose(frame, context: context)
        default:
            break  // Client messages carry nothing for this route.
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, let id {
            sockets.hub.close(id, with: .goingAway)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// A frame the decoder refuses gets a close frame with the protocol's code; any other error just closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        sockets.logger.debug("live-price socket failed", metadata: ["error": "\(error)"])
        leaveHub()
        if let error = error as? NIOWebSocketError, !closeSent {
            closeSent = true
            let code: UInt16 = error == .invalidFrameLength ? 1009 : 1002
            let frame = ServerFrame.close(code: code, reason: "", allocator: context.channel.allocator)
            context.writeAndFlush(wrapOutboundOut(frame)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            context.close(promise: nil)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { sendWaitingMessages() }
        context.fireChannelWritabilityChanged()
    }

    /// Writes the hub's waiting messages until it has none (the hub then waits to tell us of more) or the socket
    /// has unsent bytes (`channelWritabilityChanged` resumes).
    func sendWaitingMessages() {
        guard !sending, let id, let context else { return }
        sending = true
        defer { sending = false }
        while context.channel.isWritable, case .message(let bytes) = sockets.hub.nextMessage(for: id) {
            context.writeAndFlush(wrapOutboundOut(ServerFrame.text(bytes, allocator: context.channel.allocator)), promise: nil)
        }
    }

    /// Closes the socket for the hub without waiting on the client: the close frame is queued behind whatever the
    /// client has not read yet, and the connection dropped after `closeGrace`. When the server goes away the
    /// output is shut right after the frame, so that nothing follows it.
    func close(_ close: PriceSocketClose) {
        guard let context, !closeSent else { return }
        closeSent = true
        let frame = ServerFrame.close(code: close.code, reason: close.reason, allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        if close == .goingAway { context.close(mode: .output, promise: nil) }
        let channel = context.channel
        context.eventLoop.scheduleTask(in: sockets.closeGrace) { channel.close(promise: nil) }
    }

    /// Pings the client, or drops it when the previous ping got no answer.
    private func ping() {
        guard let context else { return }
        if awaitingPong {
            sockets.logger.debug("live-price socket missed a pong", metadata: ["user": "\(userID)"])
            context.close(promise: nil)
            return
        }
        awaitingPong = true
        let ping = ServerFrame.control(
            ServerFrame.ping, payload: context.channel.allocator.buffer(capacity: 0), allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(ping), promise: nil)
    }

    /// The client closes: no more messages; its close code is echoed (unless ours went first), then the connection
    /// is closed.
    private func answerClose(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        leaveHub()
        guard !closeSent else {
            context.close(promise: nil)
            return
        }
        closeSent = true
        var data = frame.unmaskedData
        let code = data.readSlice(length: min(2, data.readableBytes)) ?? context.channel.allocator.buffer(capacity: 0)
        let answer = ServerFrame.control(ServerFrame.close, payload: code, allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func leaveHub() {
        pings?.cancel()
        pings = nil
        if let id {
            sockets.hub.disconnect(id)
            self.id = nil
        }
    }
}
