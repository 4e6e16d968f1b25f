import NIOCore
import StockMarket

/// The hub's handle on one `/ws/watchlist` socket: calls from the hub (any thread) reach the socket's handler on
/// its event loop.
struct LivePriceSocket: PriceConnectionSocket {
    let handler: NIOLoopBound<WatchlistSocketHandler>
    let eventLoop: any EventLoop
    let queue: SocketDeliveryQueue

    func messagesWaiting() {
        queue.enqueue(handler)
    }

    func close(_ close: PriceConnectionClose) {
        let handler = self.handler
        eventLoop.execute { handler.value.close(close) }
    }
}
