import ArgumentParser
import Foundation
import HummingbirdWSClient
import Logging

/// `socket-load run`: opens one socket per token, waits until all have their snapshot, measures `--ticks` ticks,
/// then closes them and reports.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Hold sockets against a running server and measure.")

    @Option(help: "The socket URL, without the token.")
    var url = "ws://127.0.0.1:8080/ws/watchlist"

    @Option(help: "The token file written by prepare.")
    var tokens = "load-tokens.txt"

    @Option(help: "Sockets to open (at most the number of tokens).")
    var connections = 10_000

    @Option(help: "Connection attempts in flight while ramping up.")
    var parallel = 256

    @Option(help: "Ticks to measure once every socket has its snapshot.")
    var ticks = 20

    @Option(help: "The server's process id, to sample its memory and CPU time.")
    var serverPid: Int32?

    @Option(help: "Seconds to sample the server's CPU time before connecting (its cost without sockets).")
    var baselineSeconds = 10.0

    func run() async throws {
        let tokenList = try String(contentsOfFile: tokens, encoding: .utf8).split(separator: "\n").prefix(connections)
        let statistics = LoadStatistics()
        let control = LoadControl()
        let baseline = serverPid.flatMap(ProcessSample.init(pid:))
        if serverPid != nil { try await Task.sleep(for: .seconds(baselineSeconds)) }
        let baselineEnd = serverPid.flatMap(ProcessSample.init(pid:))
        let logger = Logger(label: "socket-load")
        let started = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for token in tokenList {
                while control.connectingCount >= parallel { try await Task.sleep(for: .milliseconds(2)) }
                control.connecting()
                let url = "\(url)?token=\(token)"
                group.addTask {
                    await Self.socket(url: url, statistics: statistics, control: control, logger: logger)
                }
            }
            while control.snapshotCount + statistics.state.withLock({ $0.failedConnections }) < tokenList.count {
                try await Task.sleep(for: .milliseconds(50))
            }
            let connectedAt = Date()
            try await Task.sleep(for: .seconds(2))
            let steady = serverPid.flatMap(ProcessSample.init(pid:))
            let windowStart = Date()
            let window = await control.startWindow(ticks: Int64(ticks))
            let end = serverPid.flatMap(ProcessSample.init(pid:))
            let idleCPUPerSecond: Double? =
                if let baseline, let baselineEnd { (baselineEnd.cpuSeconds - baseline.cpuSeconds) / baselineSeconds } else { nil }
            report(
                statistics: statistics, sockets: control.snapshotCount, window: window, baseline: baseline,
                steady: steady, end: end, rampSeconds: connectedAt.timeIntervalSince(started),
                idleCPUPerSecond: idleCPUPerSecond, windowSeconds: Date().timeIntervalSince(windowStart))
            control.stopAll()
            try await Task.sleep(for: .seconds(5))
            group.cancelAll()
        }
    }

    /// One socket: counts the snapshot, then records every `prices` message until told to stop.
    static func socket(url: String, statistics: LoadStatistics, control: LoadControl, logger: Logger) async {
        do {
            let closeFrame = try await WebSocketClient.connect(url: url, logger: logger) { inbound, _, _ in
                control.connected()
                var previous: Int64?
                for try await message in inbound.messages(maxSize: 1 << 16) {
                    guard case .text(let text) = message, let (type, seq, at) = Self.header(text) else { continue }
                    let receivedAt = Date().timeIntervalSince1970
                    if type == "snapshot" {
                        if previous == nil { control.snapshotReceived(); statistics.snapshot() }
                    } else {
                        control.seen(seq: seq)
                        if control.isMeasuring(seq: seq) {
                            statistics.received(seq: seq, at: at, receivedAt: receivedAt, previousSeq: previous)
                        }
                    }
                    previous = seq
                    if control.shouldStop(seq: seq) { return }
                }
            }
            if closeFrame != nil, !control.stopping { statistics.closedByServer() }
        } catch {
            control.connectFailed()
            statistics.failedConnection()
        }
    }

    /// `type`, `seq` and `at` (seconds since 1970) from the start of a message, without a JSON decoder.
    static func header(_ text: String) -> (String, Int64, Double)? {
        let utf8 = Array(text.utf8.prefix(96))
        guard let typeStart = find(#""type":""#, in: utf8), let seqStart = find(#""seq":"#, in: utf8),
              let atStart = find(#""at":""#, in: utf8)
        else { return nil }
        let type = String(decoding: utf8[typeStart...].prefix { $0 != UInt8(ascii: "\"") }, as: UTF8.self)
        guard let seq = Int64(String(decoding: utf8[seqStart...].prefix { $0 != UInt8(ascii: ",") }, as: UTF8.self)),
              let at = parseTime(String(decoding: utf8[atStart...].prefix { $0 != UInt8(ascii: "\"") }, as: UTF8.self))
        else { return nil }
        return (type, seq, at)
    }

    static func find(_ needle: String, in bytes: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        for start in 0...(bytes.count - pattern.count) where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start + pattern.count
        }
        return nil
    }

    /// Seconds since 1970 of `2026-08-21T14:30:00.123Z`.
    static func parseTime(_ text: String) -> Double? {
        try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)).timeIntervalSince1970
    }

    func report(
        statistics: LoadStatistics, sockets: Int, window: ClosedRange<Int64>, baseline: ProcessSample?,
        steady: ProcessSample?, end: ProcessSample?, rampSeconds: Double, idleCPUPerSecond: Double?,
        windowSeconds: Double
    ) {
        let state = statistics.state.withLock { $0 }
        let ticks = window.compactMap { state.ticks[$0] }
        let tickToLast = ticks.map { ($0.lastReceipt - $0.at) * 1000 }.sorted()
        let latencies = state.latencies.map { $0 * 1000 }.sorted()
        var lines = [
            "sockets with snapshot: \(sockets) (failed connections: \(state.failedConnections), ramp-up \(String(format: "%.1f", rampSeconds)) s)",
            "measured ticks: \(window.lowerBound)...\(window.upperBound) (\(ticks.count) seen)",
            "receivers per tick: min \(ticks.map(\.receivers).min() ?? 0), max \(ticks.map(\.receivers).max() ?? 0)",
            String(format: "tick start to last socket (ms): p50 %.1f, p99 %.1f, max %.1f",
                   percentile(tickToLast, 50), percentile(tickToLast, 99), tickToLast.last ?? .nan),
            String(format: "tick start to each message (ms): p50 %.1f, p99 %.1f, max %.1f (%d messages)",
                   percentile(latencies, 50), percentile(latencies, 99), latencies.last ?? .nan, latencies.count),
            "lost (seq gaps): \(state.lost), duplicated or out of order: \(state.duplicated), closed by server: \(state.closedByServer)",
        ]
        if let baseline, let steady, let end {
            let growth = steady.rssBytes - baseline.rssBytes
            let cpu = end.cpuSeconds - steady.cpuSeconds
            let perTick = cpu / Double(max(ticks.count, 1))
            lines.append(String(
                format: "server RSS: %.1f MB before, %.1f MB with sockets, %.0f bytes per socket",
                Double(baseline.rssBytes) / 1e6, Double(steady.rssBytes) / 1e6, Double(growth) / Double(max(sockets, 1))))
            let idlePerTick = (idleCPUPerSecond ?? 0) * windowSeconds / Double(max(ticks.count, 1))
            lines.append(String(
                format: "server CPU: %.3f s over %.1f s, %.1f ms per tick (%.1f ms per tick without sockets)",
                cpu, windowSeconds, perTick * 1000, idlePerTick * 1000))
            lines.append(String(
                format: "server CPU for the sockets: %.1f ms per tick per 10,000 sockets",
                (perTick - idlePerTick) * 1000 * 10_000 / Double(max(sockets, 1))))
        }
        print(lines.joined(separator: "\n"))
    }
}
