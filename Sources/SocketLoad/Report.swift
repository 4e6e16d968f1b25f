import Foundation

/// The report of a run, from the records of the one or several client processes that held its sockets.
///
/// Ticks are aligned by `seq`: a tick's receivers add up over the processes and its last receipt is the latest of
/// theirs; only the ticks every process measured count (with `--rendezvous` all measure the same). Server figures
/// are summed over the server processes by the one process given `--server-pid`; client CPU per tick is summed
/// over the client processes.
struct Report {
    let records: [RunRecord]
    /// The records are one process's of a split run: the server figures would divide by its sockets only, so
    /// they are left to `merge`.
    var isPartOfSplitRun = false

    var lines: [String] {
        guard let first = records.first else { return ["no records"] }
        let sockets = records.reduce(0) { $0 + $1.sockets }
        let failed = records.reduce(0) { $0 + $1.failedConnections }
        let ramp = records.map(\.rampSeconds).max() ?? 0
        let windowStart = records.map(\.window.lowerBound).max() ?? first.window.lowerBound
        let windowEnd = records.map(\.window.upperBound).min() ?? first.window.upperBound
        let ticks = windowStart <= windowEnd ? mergedTicks(in: windowStart...windowEnd) : []
        let tickToLast = ticks.map(\.tickToLastMilliseconds).sorted()
        var latencies = LatencyHistogram()
        var counts = DeliveryCounts()
        for record in records {
            latencies.add(record.latencies)
            counts.add(record.counts)
        }
        var lines = [
            String(format: "sockets with snapshot: %d (failed connections: %d, ramp-up %.1f s)", sockets, failed, ramp),
            "measured ticks: \(windowStart)...\(windowEnd) (\(ticks.count) seen)"
                + (records.count > 1 ? " by \(records.count) client processes" : ""),
            "receivers per tick: min \(ticks.map(\.receivers).min() ?? 0), max \(ticks.map(\.receivers).max() ?? 0)",
            String(format: "tick start to last socket (ms): p50 %.1f, p99 %.1f, max %.1f",
                   percentile(tickToLast, 50), percentile(tickToLast, 99), tickToLast.last ?? .nan),
            String(format: "tick start to each message (ms): p50 %.1f, p99 %.1f, max %.1f (%d messages)",
                   latencies.percentile(50), latencies.percentile(99), latencies.maxMilliseconds, latencies.count),
            "lost (seq gaps): \(counts.lost), duplicated or out of order: \(counts.duplicated), "
                + "closed by server: \(counts.closedByServer), "
                + "dropped without close frame: \(counts.droppedWithoutClose), "
                + "unreadable messages: \(counts.unreadable)",
            String(format: "bytes per prices message (payload): %.0f",
                   Double(counts.messageBytes) / Double(max(latencies.count, 1))),
        ]
        if Set(records.map(\.window)).count > 1 {
            let windows = records.map { "\($0.window)" }.joined(separator: ", ")
            lines.append("note: the processes measured different windows (\(windows)): the ticks above are the common "
                + "ones; messages, counts and CPU are each process's own window's")
        }
        // CPU was sampled over each process's own window: per tick, then summed.
        let windowSeconds = records.map(\.windowSeconds).max() ?? 0
        let clientCPU = records.reduce(0) { $0 + $1.clientCPUSeconds }
        let clientCPUPerTick = records.reduce(0) { $0 + $1.clientCPUSeconds / Double($1.window.count) }
        lines.append(String(
            format: "client CPU: %.3f s over %.1f s, %.1f ms per tick, %.1f ms per tick per 10,000 sockets",
            clientCPU, windowSeconds, clientCPUPerTick * 1000,
            clientCPUPerTick * 1000 * 10_000 / Double(max(sockets, 1))))
        let sampled = records.filter { $0.server != nil }
        if isPartOfSplitRun {
            lines.append("part of a split run: the server figures come with `socket-load merge`")
        } else if let record = sampled.first, let server = record.server {
            lines += serverLines(
                server, sockets: sockets, ticks: Double(record.window.count), windowSeconds: record.windowSeconds)
            if sampled.count > 1 {
                lines.append("note: \(sampled.count) processes sampled the server; the first one's samples are shown")
            }
        }
        return lines
    }

    /// The ticks of `window` with the receipts of every process added up.
    private func mergedTicks(in window: ClosedRange<Int64>) -> [TickReceipt] {
        var bySeq: [Int64: TickReceipt] = [:]
        for record in records {
            for tick in record.ticks where window.contains(tick.seq) {
                if bySeq[tick.seq] == nil { bySeq[tick.seq] = tick } else { bySeq[tick.seq]!.add(tick) }
            }
        }
        return bySeq.values.sorted { $0.seq < $1.seq }
    }

    private func serverLines(
        _ server: RunRecord.ServerSamples, sockets: Int, ticks: Double, windowSeconds: Double
    ) -> [String] {
        let growth = server.withSockets.rssBytes - server.beforeSockets.rssBytes
        let perTick = server.windowCPUSeconds / ticks
        let idlePerTick = server.idleCPUPerSecond * windowSeconds / ticks
        return [
            String(format: "server RSS: %.1f MB before, %.1f MB with sockets, %.0f bytes per socket",
                   Double(server.beforeSockets.rssBytes) / 1e6, Double(server.withSockets.rssBytes) / 1e6,
                   Double(growth) / Double(max(sockets, 1))),
            String(format: "server CPU: %.3f s over %.1f s, %.1f ms per tick (%.1f ms per tick without sockets)",
                   server.windowCPUSeconds, windowSeconds, perTick * 1000, idlePerTick * 1000),
            String(format: "server CPU for the sockets: %.1f ms per tick per 10,000 sockets",
                   (perTick - idlePerTick) * 1000 * 10_000 / Double(max(sockets, 1))),
        ]
    }
}

/// The p-th percentile (0...100) of sorted values, nearest rank.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
    return sorted[min(max(rank, 0), sorted.count - 1)]
}
