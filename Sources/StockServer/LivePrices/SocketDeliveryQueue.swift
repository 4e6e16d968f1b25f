import NIOCore
import Synchronization

/// The sockets of one event loop that have messages waiting, handed to the loop in one task per batch instead of
/// one task per socket: a tick that moves the prices of 10,000 sockets costs each event loop one wake-up.
final class SocketDeliveryQueue: Sendable {
    private let eventLoop: any EventLoop
    private let waiting = Mutex<[NIOLoopBound<PriceSocketHandler>]>([])

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Queues a socket; the first socket of a batch schedules the batch on the event loop.
    func enqueue(_ handler: NIOLoopBound<PriceSocketHandler>) {
        let startsBatch = waiting.withLock { waiting in
            waiting.append(handler)
            return waiting.count == 1
        }
        if startsBatch { eventLoop.execute { self.sendBatch() } }
    }

    private func sendBatch() {
        let batch = waiting.withLock { waiting in
            let batch = waiting
            waiting = []
            return batch
        }
        for handler in batch { handler.value.sendWaitingMessages() }
    }
}

/// One `SocketDeliveryQueue` per event loop.
final class SocketDeliveryQueues: Sendable {
    private let queues = Mutex<[ObjectIdentifier: SocketDeliveryQueue]>([:])

    func queue(for eventLoop: any EventLoop) -> SocketDeliveryQueue {
        queues.withLock { queues in
            if let queue = queues[ObjectIdentifier(eventLoop)] { return queue }
            let queue = SocketDeliveryQueue(eventLoop: eventLoop)
            queues[ObjectIdentifier(eventLoop)] = queue
            return queue
        }
    }
}
