#if canImport(Glibc)
import Foundation
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds on the monotonic clock.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Nanoseconds of CPU time used by the calling thread (immune to waiting for a CPU on a busy machine).
func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Nanoseconds of CPU time used by the whole process (all threads).
func processCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Latency percentiles (nearest rank) of a set of timings.
struct LatencySummary {
    var count: Int
    var p50: Double
    var p90: Double
    var p99: Double
    var max: Double

    /// `nanoseconds`: one timing per call.
    init(nanoseconds: [UInt64]) {
        let sorted = nanoseconds.sorted()
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = Swift.max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)
            return Double(sorted[Swift.min(index, sorted.count - 1)])
        }
        count = sorted.count
        p50 = rank(0.50)
        p90 = rank(0.90)
        p99 = rank(0.99)
        max = Double(sorted.last ?? 0)
    }

    /// Times `body` once per query, `repetitions` times over the whole list (after one warm-up pass).
    static func measure(_ queries: [String], repetitions: Int, clock: () -> UInt64 = monotonicNanoseconds,
                        _ body: (String) -> Int) -> LatencySummary {
        var sink = 0
        for query in queries { sink &+= body(query) }
        var timings: [UInt64] = []
        timings.reserveCapacity(queries.count * repetitions)
        for _ in 0..<repetitions {
            for query in queries {
                let start = clock()
                sink &+= body(query)
                timings.append(clock() - start)
            }
        }
        if sink == Int.min { print("") }
        return LatencySummary(nanoseconds: timings)
    }

    func formatted(_ unit: String = "µs") -> String {
        func value(_ ns: Double) -> String { String(format: "%.1f", ns / 1000) }
        return "p50 \(value(p50)) \(unit)  p90 \(value(p90)) \(unit)  p99 \(value(p99)) \(unit)  max \(value(max)) \(unit)  (n=\(count))"
    }
}

/// The 1-minute load average, as text (other work on a shared machine inflates wall-clock figures).
func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) > 0 else { return "?" }
    return String(format: "%.2f", loads[0])
}
