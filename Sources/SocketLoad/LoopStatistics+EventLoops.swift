import NIOCore
import NIOPosix

extension LoopStatistics {
    /// One `LoopStatistics` per event loop of `group`, each bound to its loop.
    static func make(
        on group: MultiThreadedEventLoopGroup, reservingTicks ticks: Int
    ) async throws -> [NIOLoopBound<LoopStatistics>] {
        var loops = [NIOLoopBound<LoopStatistics>]()
        for loop in group.makeIterator() {
            loops.append(try await loop.submit {
                let statistics = LoopStatistics()
                statistics.reserve(ticks: ticks)
                return NIOLoopBound(statistics, eventLoop: loop)
            }.get())
        }
        return loops
    }
}

/// A run that cannot go on: a wait that did not end in time, no socket, a server process gone.
struct LoadFailure: Error, CustomStringConvertible {
    var description: String
}

extension Array where Element == NIOLoopBound<LoopStatistics> {
    /// The progress of all loops, asked of each on its own loop.
    func progress(receiversOf seq: Int64? = nil) async throws -> LoopStatistics.Progress {
        var total = LoopStatistics.Progress()
        for loop in self {
            total.add(try await loop.eventLoop.submit { loop.value.progress(receiversOf: seq) }.get())
        }
        return total
    }

    /// Polls the progress every 20 ms until `condition` holds, or throws `LoadFailure` after `timeout`.
    func wait(
        upTo timeout: Duration? = nil, _ awaited: String, receiversOf seq: Int64? = nil,
        until condition: (LoopStatistics.Progress) -> Bool
    ) async throws {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while case let progress = try await progress(receiversOf: seq), !condition(progress) {
            if let deadline, ContinuousClock.now >= deadline {
                throw LoadFailure(description: "waited \(timeout!) for \(awaited); \(progress)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// What all loops measured, merged.
    func summary() async throws -> LoopStatistics.Summary {
        var total = LoopStatistics.Summary()
        for loop in self {
            total.add(try await loop.eventLoop.submit { loop.value.summary }.get())
        }
        return total
    }
}
