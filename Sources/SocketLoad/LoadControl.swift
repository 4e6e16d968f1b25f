import Foundation
import Synchronization

/// Coordinates the sockets of a run: ramp-up counts, the measured window of ticks, the stop.
final class LoadControl: Sendable {
    struct State {
        var connecting = 0
        var connected = 0
        var snapshots = 0
        var lastSeq: Int64 = 0
        var window: ClosedRange<Int64>?
        var stopping = false
    }

    private let state = Mutex(State())

    var connectedCount: Int { state.withLock { $0.connected } }
    var connectingCount: Int { state.withLock { $0.connecting } }
    var snapshotCount: Int { state.withLock { $0.snapshots } }
    var stopping: Bool { state.withLock { $0.stopping } }

    func connecting() { state.withLock { $0.connecting += 1 } }
    func connected() { state.withLock { $0.connecting -= 1; $0.connected += 1 } }
    func connectFailed() { state.withLock { $0.connecting -= 1 } }
    func snapshotReceived() { state.withLock { $0.snapshots += 1 } }
    func seen(seq: Int64) { state.withLock { $0.lastSeq = max($0.lastSeq, seq) } }

    func isMeasuring(seq: Int64) -> Bool { state.withLock { $0.window?.contains(seq) ?? false } }

    /// Sockets end after the window plus a margin (so the last measured tick is complete), or when stopping.
    func shouldStop(seq: Int64) -> Bool {
        state.withLock { $0.stopping || ($0.window.map { seq > $0.upperBound + 2 } ?? false) }
    }

    func stopAll() { state.withLock { $0.stopping = true } }

    /// Measures the `ticks` ticks after the next one and returns once the last of them has been seen.
    func startWindow(ticks: Int64) async -> ClosedRange<Int64> {
        let window = state.withLock { state in
            let window = (state.lastSeq + 2)...(state.lastSeq + 1 + ticks)
            state.window = window
            return window
        }
        while state.withLock({ $0.lastSeq <= window.upperBound + 1 }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return window
    }
}
