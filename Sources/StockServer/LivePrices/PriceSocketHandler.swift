import Logging
import NIOCore
import NIOWebSocket
import StockMarket

/// One upgraded `/ws/watchlist` socket, served from its channel's event loop with no task of its own.
///
/// On joining the pipeline it connects to the hub and loads the user's watchlist. When the hub says messages wait,
/// it takes them while the channel is writable, and the channel stops being writable past 16 KiB left unsent
/// (see `PriceSockets.writeBufferWaterMark`): a socket that does not drain holds at most that and one message
/// here, takes nothing more, and the hub closes it after `maxTicksBehind` ticks. Every frame written (prices,
/// pongs, pings) counts against `PriceSockets.maxQueueBytes` with the bytes still unsent: past it the socket is
/// closed with 1008 (the close frame is the one frame allowed past the bound). While the socket is unwritable
/// nothing is read from it (a `BackPressureHandler` sits in front), so pings the client sends wait in its kernel
/// buffers, not in ours.
/// Pings are answered; the client is pinged every `pingInterval` and dropped when a ping goes without a pong
/// (no other frame counts). What each client frame gets is `ClientFrameRules.reaction(to:)`: a frame breaking the
/// rules is answered with 1002. Every close, whoever starts it, drops the connection after `closeGrace` at the
/// latest. The server's quiesce event (graceful shutdown) closes the socket with 1001; the token's expiry and its
/// revocation (`TokenSockets`) with 4401.
final class PriceSocketHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = ByteBuffer

    private let userID: Int64
    private let token: SocketToken
    private let sockets: PriceSockets
    private var context: ChannelHandlerContext?
    private var id: PriceSocketID?
    /// This socket as `sockets.tokens` holds it, and the close at the token's expiry, while the socket is open.
    private var tokenHandle: PriceSocketHandle?
    private var expiry: Scheduled<Void>?
    /// Inside `sendWaitingMessages` (whose own flushes report writability changes).
    private var sending = false
    private var closeSent = false
    private var awaitingPong = false
    private var pings: RepeatedTask?

    init(userID: Int64, token: SocketToken, sockets: PriceSockets) {
        self.userID = userID
        self.token = token
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
        sockets.tokens.add(socket, token: token.hash)
        tokenHandle = socket
        let untilExpiry = TimeAmount.milliseconds(Int64(max(0, token.expiresAt.timeIntervalSinceNow) * 1000))
        expiry = eventLoop.scheduleTask(in: untilExpiry) { bound.value.close(.tokenExpired) }
        let (userID, logger, accounts, tokenHash) = (userID, sockets.logger, sockets.accounts, token.hash)
        Task {
            do {
                // A logout between the handshake's token check and `tokens.add` above closed nothing: the token is
                // read again now that revocations reach this socket, so it is either gone here or revoked later.
                guard try await accounts.token(hash: tokenHash, now: .now) != nil else {
                    hub.close(id, with: .tokenRevoked)
                    return
                }
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
        if closeSent {
            // Our close frame is out: only the client's answer matters, and it ends the connection.
            if frame.opcode == .connectionClose { context.close(promise: nil) }
            return
        }
        switch ClientFrameRules.reaction(to: frame) {
        case .pong(let payload):
            send(ServerFrame.control(ServerFrame.pong, payload: payload, allocator: context.channel.allocator))
        case .alive:
            awaitingPong = false
        case .echoClose(let code):
            answerClose(code: code, context: context)
        case .close(let code, let reason):
            close(PriceSocketClose(code: code, reason: reason))
        case .ignore:
            break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, let id {
            sockets.hub.close(id, with: .goingAway)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// A frame the decoder refuses gets a close frame with the protocol's code (1009 for a frame over
    /// `PriceSockets.maxFrameSize`, else 1002); any other error just closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        sockets.logger.debug("live-price socket failed", metadata: ["error": "\(error)"])
        if let error = error as? NIOWebSocketError {
            let (code, reason) = ClientFrameRules.close(for: error)
            close(PriceSocketClose(code: code, reason: reason))
        } else {
            leaveHub()
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
        while context.channel.isWritable, case .message(let message) = sockets.hub.nextMessage(for: id) {
            guard send(ServerFrame.text(message, allocator: context.channel.allocator)) else { return }
        }
    }

    /// Closes the socket (for the hub, or on a broken rule) without waiting on the client: the close frame is
    /// queued behind whatever the client has not read yet, and the connection dropped after `closeGrace`. When
    /// the server goes away the output is shut right after the frame, so that nothing follows it.
    func close(_ close: PriceSocketClose) {
        guard let context, !closeSent else { return }
        closeSent = true
        leaveHub()
        let frame = ServerFrame.close(code: close.code, reason: close.reason, allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        if close == .goingAway { context.close(mode: .output, promise: nil) }
        closeAfterGrace(context: context)
    }

    /// Writes `frame` if the bytes left unsent for this socket stay within `maxQueueBytes`; otherwise closes the
    /// socket with 1008 and returns `false`.
    @discardableResult
    private func send(_ frame: ByteBuffer) -> Bool {
        guard let context else { return false }
        // A writable channel has less than the high water mark unsent (`PriceSockets.writeBufferWaterMark`), so
        // the channel option, a lookup through NIO's option casts that a tick would pay once per socket, is read
        // only when the frame might not fit beside that much.
        let channel = context.channel
        let unsentBound = PriceSockets.writeBufferWaterMark.high
        let unsent = channel.isWritable && unsentBound + frame.readableBytes <= sockets.maxQueueBytes
            ? 0 : ((try? channel.syncOptions?.getOption(.bufferedWritableBytes)) ?? 0)
        guard unsent + frame.readableBytes <= sockets.maxQueueBytes else {
            sockets.logger.debug(
                "live-price socket over its bound", metadata: ["user": "\(userID)", "unsent": "\(unsent)"])
            close(.tooSlow)
            return false
        }
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        return true
    }

    /// Pings the client, or drops it when the previous ping got no pong.
    private func ping() {
        guard let context else { return }
        if awaitingPong {
            sockets.logger.debug("live-price socket missed a pong", metadata: ["user": "\(userID)"])
            leaveHub()
            context.close(promise: nil)
            return
        }
        awaitingPong = true
        let allocator = context.channel.allocator
        send(ServerFrame.control(ServerFrame.ping, payload: allocator.buffer(capacity: 0), allocator: allocator))
    }

    /// The client closes: no more messages; its close code is echoed, then the connection is closed once the echo
    /// is written, or after `closeGrace` when the client does not read it.
    private func answerClose(code: ByteBuffer, context: ChannelHandlerContext) {
        closeSent = true
        leaveHub()
        let answer = ServerFrame.control(ServerFrame.close, payload: code, allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
        closeAfterGrace(context: context)
    }

    private func closeAfterGrace(context: ChannelHandlerContext) {
        let channel = context.channel
        context.eventLoop.scheduleTask(in: sockets.closeGrace) { channel.close(promise: nil) }
    }

    private func leaveHub() {
        pings?.cancel()
        pings = nil
        expiry?.cancel()
        expiry = nil
        if let tokenHandle {
            sockets.tokens.remove(tokenHandle, token: token.hash)
            self.tokenHandle = nil
        }
        if let id {
            sockets.hub.disconnect(id)
            self.id = nil
        }
    }
}
