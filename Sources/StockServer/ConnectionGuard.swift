import NIOCore

/// The first handler of every connection: it bounds the wait for the first request head
/// (`ConnectionLimits.idleTimeout`; later requests are timed by Hummingbird's `HTTPConnectionStateHandler`) and,
/// once the server quiesces, how long the connection may stay open (`ConnectionLimits.shutdownGrace`), so that
/// a graceful shutdown always ends. A connection still waiting for its first request closes at once on quiesce.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let idleTimeout: TimeAmount
    private let shutdownGrace: TimeAmount
    private var requestArrived = false
    private var firstRequestDeadline: Scheduled<Void>?

    init(limits: ConnectionLimits) {
        idleTimeout = TimeAmount(limits.idleTimeout)
        shutdownGrace = TimeAmount(limits.shutdownGrace)
    }

    /// Tells the guard of `channel` that its first request head was read, which stops the first-request timer.
    static func firstRequestArrived(on channel: any Channel) throws {
        try channel.pipeline.syncOperations.handler(type: ConnectionGuard.self).firstRequestArrived()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startFirstRequestTimer(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        firstRequestArrived()
    }

    func channelActive(context: ChannelHandlerContext) {
        startFirstRequestTimer(context: context)
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            guard requestArrived else {
                context.close(promise: nil)
                return
            }
            let channel = context.channel
            context.eventLoop.scheduleTask(in: shutdownGrace) { channel.close(promise: nil) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func firstRequestArrived() {
        requestArrived = true
        firstRequestDeadline?.cancel()
        firstRequestDeadline = nil
    }

    private func startFirstRequestTimer(context: ChannelHandlerContext) {
        guard !requestArrived, firstRequestDeadline == nil else { return }
        let channel = context.channel
        firstRequestDeadline = context.eventLoop.scheduleTask(in: idleTimeout) { channel.close(promise: nil) }
    }
}
