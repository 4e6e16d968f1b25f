import NIOCore
import StockMarket

/// The hub's handle on one `/ws/watchlist` socket: calls from the hub (any thread) reach the socket's handler on
/// its event loop. A class, so that the hub's lists of sockets to tell hold one reference each, not a boxed value.
final class PriceSocketHandle: PriceSocket {
    let handler: NIOLoopBound<PriceSocketHandler>
    let eventLoop: any EventLoop
    let queue: SocketDeliveryQueue

    init(handler: NIOLoopBound<PriceSocketHandler>, eventLoop: any EventLoop, queue: SocketDeliveryQueue) {
        self.handler = handler
        self.eventLoop = eventLoop
        self.queue = queue
    }

    func messagesWaiting() {
        queue.enqueue(handler)
    }

    func close(_ close: PriceSocketClose) {
        let handler = self.handler
        eventLoop.execute { handler.value.close(close) }
    }
}
