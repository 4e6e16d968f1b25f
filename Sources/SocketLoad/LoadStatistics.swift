import Foundation
import Synchronization

/// What the sockets observed, shared by all of them.
final class LoadStatistics: Sendable {
    struct Tick {
        var at: Double
        var receivers = 0
        var lastReceipt = 0.0
    }

    struct State {
        var ticks: [Int64: Tick] = [:]
        var latencies: [Double] = []
        var snapshots = 0
        var lost = 0
        var duplicated = 0
        var closedByServer = 0
        var failedConnections = 0
    }

    let state = Mutex(State())

    /// Records one `prices` message received at `receivedAt` (seconds since 1970) carrying tick `seq` of time `at`.
    func received(seq: Int64, at: Double, receivedAt: Double, previousSeq: Int64?) {
        state.withLock { state in
            var tick = state.ticks[seq] ?? Tick(at: at)
            tick.receivers += 1
            tick.lastReceipt = max(tick.lastReceipt, receivedAt)
            state.ticks[seq] = tick
            state.latencies.append(receivedAt - at)
            if let previousSeq {
                if seq <= previousSeq { state.duplicated += 1 } else { state.lost += Int(seq - previousSeq - 1) }
            }
        }
    }

    func snapshot() { state.withLock { $0.snapshots += 1 } }
    func failedConnection() { state.withLock { $0.failedConnections += 1 } }
    func closedByServer() { state.withLock { $0.closedByServer += 1 } }
}

/// The p-th percentile (0...100) of sorted values.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

/// Resident memory and CPU time of a process, from /proc.
struct ProcessSample {
    var rssBytes: Int
    var cpuSeconds: Double

    init?(pid: Int32) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]),
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ")
        else { return nil }
        let fields = stat[afterName.upperBound...].split(separator: " ")
        // Fields 14 and 15 of /proc/PID/stat (utime, stime) are at 11 and 12 after the name.
        guard let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        rssBytes = kilobytes * 1024
        cpuSeconds = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
