import NIOCore
import StockMarket

/// The hub's handle on one `/ws/watchlist` socket: calls from the hub (any thread) reach the socket's handler on
/// its event loop. A class, so that the hub's lists of sockets to tell hold one reference each, not a boxed value.
final class LivePriceSocket: PriceConnectionSocket {
    let handler: NIOLoopBound<WatchlistSocketHandler>
    let eventLoop: any EventLoop
    let queue: SocketDeliveryQueue

    init(handler: NIOLoopBound<WatchlistSocketHandler>, eventLoop: any EventLoop, queue: SocketDeliveryQueue) {
        self.handler = handler
        self.eventLoop = eventLoop
        self.queue = queue
    }

    func messagesWaiting() {
        queue.enqueue(handler)
    }

    func close(_ close: PriceConnectionClose) {
        let handler = self.handler
        eventLoop.execute { handler.value.close(close) }
    }
}
