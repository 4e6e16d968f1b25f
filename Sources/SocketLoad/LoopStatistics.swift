/// What the sockets of one event loop observed. Only that event loop touches it (its handlers, and the
/// controller through `EventLoop.submit`), so recording a message takes no lock; the loops' statistics are merged
/// when the run reports.
final class LoopStatistics {
    /// Where the ramp-up and the window stand, cheap to ask for while running.
    struct Progress: Sendable {
        var openSockets = 0
        var socketsAwaitingSnapshot = 0
        var snapshots = 0
        var latestSeq: Int64 = 0
        /// Receivers of the tick asked about, if any.
        var receivers = 0

        mutating func add(_ other: Progress) {
            openSockets += other.openSockets
            socketsAwaitingSnapshot += other.socketsAwaitingSnapshot
            snapshots += other.snapshots
            latestSeq = Swift.max(latestSeq, other.latestSeq)
            receivers += other.receivers
        }
    }

    /// What the loop measured, copied out for the report.
    struct Summary: Sendable {
        var snapshots = 0
        var ticks: [Int64: TickReceipt] = [:]
        var latencies = LatencyHistogram()
        var counts = DeliveryCounts()

        mutating func add(_ other: Summary) {
            snapshots += other.snapshots
            for (seq, tick) in other.ticks {
                if ticks[seq] == nil { ticks[seq] = tick } else { ticks[seq]!.add(tick) }
            }
            latencies.add(other.latencies)
            counts.add(other.counts)
        }
    }

    private var progress = Progress()
    private var ticks: [Int64: TickReceipt] = [:]
    private var latencies = LatencyHistogram()
    private var counts = DeliveryCounts()

    var summary: Summary {
        Summary(snapshots: progress.snapshots, ticks: ticks, latencies: latencies, counts: counts)
    }

    /// The progress, with the receivers of tick `seq` if given.
    func progress(receiversOf seq: Int64?) -> Progress {
        var progress = progress
        progress.receivers = seq.flatMap { ticks[$0]?.receivers } ?? 0
        return progress
    }

    /// Makes room for the window's ticks up front, so that recording never grows the table.
    func reserve(ticks count: Int) { ticks.reserveCapacity(count + 4) }

    func socketOpened() {
        progress.openSockets += 1
        progress.socketsAwaitingSnapshot += 1
    }

    func firstSnapshotReceived() {
        progress.socketsAwaitingSnapshot -= 1
        progress.snapshots += 1
    }

    /// A socket ended; `byServer` tells a close frame from a dropped connection, counted only when not stopping.
    func socketClosed(hadSnapshot: Bool, byServer: Bool, unexpected: Bool) {
        progress.openSockets -= 1
        if !hadSnapshot { progress.socketsAwaitingSnapshot -= 1 }
        guard unexpected else { return }
        if byServer { counts.closedByServer += 1 } else { counts.droppedWithoutClose += 1 }
    }

    func unreadableMessage() { counts.unreadable += 1 }

    /// Notes a `seq` seen on any message, measured or not.
    func seen(seq: Int64) {
        if seq > progress.latestSeq { progress.latestSeq = seq }
    }

    /// Records a `prices` message of the window, of `bytes` payload bytes, received at `receivedAt` (ns since
    /// 1970) by a socket whose previous message carried `previousSeq`.
    func received(_ header: PriceMessageHeader, bytes: Int, receivedAt: Int64, previousSeq: Int64?) {
        counts.messageBytes += bytes
        ticks[header.seq, default: TickReceipt(seq: header.seq, atMilliseconds: header.atMilliseconds)]
            .record(receivedAt: receivedAt)
        latencies.record(nanoseconds: receivedAt - header.atMilliseconds * 1_000_000)
        if let previousSeq {
            if header.seq <= previousSeq {
                counts.duplicated += 1
            } else {
                counts.lost += Int(header.seq - previousSeq - 1)
            }
        }
    }
}

extension TickReceipt {
    fileprivate mutating func record(receivedAt: Int64) {
        receivers += 1
        lastReceiptNanoseconds = max(lastReceiptNanoseconds, receivedAt)
    }
}
