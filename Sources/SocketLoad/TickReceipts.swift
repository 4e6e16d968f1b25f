/// What one event loop, one process, or all processes saw of one measured tick.
struct TickReceipt: Codable, Sendable {
    var seq: Int64
    /// The tick's start (`at`), ms since 1970.
    var atMilliseconds: Int64
    /// Sockets that received this tick's `prices` message.
    var receivers = 0
    /// The latest receipt of it, ns since 1970.
    var lastReceiptNanoseconds: Int64 = 0

    /// From tick start to the last socket receiving it, in ms.
    var tickToLastMilliseconds: Double {
        Double(lastReceiptNanoseconds - atMilliseconds * 1_000_000) / 1e6
    }

    mutating func add(_ other: TickReceipt) {
        receivers += other.receivers
        lastReceiptNanoseconds = max(lastReceiptNanoseconds, other.lastReceiptNanoseconds)
    }
}

/// Counts of what went wrong, added over sockets, event loops and processes.
struct DeliveryCounts: Codable, Sendable {
    /// Ticks missing between consecutive `seq`s of one socket, within the window.
    var lost = 0
    /// Messages whose `seq` is not above the socket's previous one, within the window.
    var duplicated = 0
    /// Sockets the server closed with a close frame while the run was not stopping.
    var closedByServer = 0
    /// Sockets whose connection ended without a close frame while the run was not stopping.
    var droppedWithoutClose = 0
    /// Text frames that are not a `snapshot` or `prices` message with `seq` and `at` (or are fragmented).
    var unreadable = 0
    /// The payload bytes of the window's `prices` messages (as many as the latency histogram counts).
    var messageBytes = 0

    mutating func add(_ other: DeliveryCounts) {
        lost += other.lost
        duplicated += other.duplicated
        closedByServer += other.closedByServer
        droppedWithoutClose += other.droppedWithoutClose
        unreadable += other.unreadable
        messageBytes += other.messageBytes
    }
}
