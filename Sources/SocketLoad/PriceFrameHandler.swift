import NIOCore
import NIOWebSocket

/// The end of one socket's pipeline after the upgrade: reads the server's text frames into its event loop's
/// `LoopStatistics`, answers pings, and closes politely.
///
/// Per message it looks at the frame's bytes in place (`PriceMessageHeader`) and updates counters: nothing is
/// allocated beyond what NIO allocates to read the frame.
final class PriceFrameHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// Sent through the pipeline to make the socket send a close frame (the run is over).
    struct Stop: Sendable {}

    private let statistics: LoopStatistics
    private let control: LoadControl
    private var previousSeq: Int64?
    private var hadSnapshot = false
    private var closeReceived = false
    private var closeSent = false
    /// The receipt time of the current read batch, taken at its first message.
    private var batchReceipt: Int64?

    init(statistics: LoopStatistics, control: LoadControl) {
        self.statistics = statistics
        self.control = control
    }

    func handlerAdded(context: ChannelHandlerContext) {
        statistics.socketOpened()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text where frame.fin:
            read(frame.unmaskedData)
        case .text, .continuation:
            statistics.unreadableMessage()
        case .ping:
            send(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData), on: context)
        case .connectionClose:
            closeReceived = true
            if !closeSent {
                send(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: frame.unmaskedData),
                     on: context)
            }
            context.close(promise: nil)
        default:
            break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        batchReceipt = nil
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is Stop, !closeSent else { return context.fireUserInboundEventTriggered(event) }
        var reason = context.channel.allocator.buffer(capacity: 2)
        reason.write(webSocketErrorCode: .normalClosure)
        send(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: reason), on: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        statistics.socketClosed(hadSnapshot: hadSnapshot, byServer: closeReceived, unexpected: !control.stopping)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func read(_ bytes: ByteBuffer) {
        guard let header = bytes.withUnsafeReadableBytes({ PriceMessageHeader($0) }) else {
            return statistics.unreadableMessage()
        }
        statistics.seen(seq: header.seq)
        switch header.kind {
        case .snapshot:
            if !hadSnapshot {
                hadSnapshot = true
                statistics.firstSnapshotReceived()
            }
        case .prices:
            if control.isMeasured(seq: header.seq) {
                let receivedAt = batchReceipt ?? WallClock.nanoseconds()
                batchReceipt = receivedAt
                statistics.received(
                    header, bytes: bytes.readableBytes, receivedAt: receivedAt, previousSeq: previousSeq)
            }
        }
        previousSeq = header.seq
    }

    private func send(_ frame: WebSocketFrame, on context: ChannelHandlerContext) {
        if frame.opcode == .connectionClose { closeSent = true }
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }
}
