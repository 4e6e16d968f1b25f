import NIOCore
import NIOWebSocket
import StockMarket

/// Closes a live-price socket for the hub without waiting on the client: the close frame is queued straight on
/// the channel (behind whatever the client has not read yet), then the socket is shut.
///
/// When the server goes away the output is shut right after the frame, so that nothing follows it. A slow client
/// gets `grace` to read up to the close frame before the connection is dropped.
struct SocketCloser: PriceConnectionCloser {
    let channel: any Channel
    var grace: TimeAmount = .seconds(1)

    func close(_ close: PriceConnectionClose) {
        var data = channel.allocator.buffer(capacity: 2 + close.reason.utf8.count)
        data.write(webSocketErrorCode: WebSocketErrorCode(codeNumber: Int(close.code)))
        data.writeString(close.reason)
        let channel = self.channel
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data), promise: nil)
        if close == .goingAway {
            channel.close(mode: .output, promise: nil)
        }
        channel.eventLoop.scheduleTask(in: grace) { channel.close(promise: nil) }
    }
}
