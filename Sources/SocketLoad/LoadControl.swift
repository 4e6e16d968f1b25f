import Synchronization

/// What every socket handler must know of the run, on any event loop: the measured window of ticks and whether
/// the run is stopping. Written a few times per run, read per message with relaxed atomic loads (no lock).
final class LoadControl: Sendable {
    private let windowFirst = Atomic<Int64>(.max)
    private let windowLast = Atomic<Int64>(.min)
    private let stoppingFlag = Atomic<Bool>(false)

    /// Messages of these ticks are measured.
    func measure(_ window: ClosedRange<Int64>) {
        windowLast.store(window.upperBound, ordering: .relaxed)
        windowFirst.store(window.lowerBound, ordering: .relaxed)
    }

    func isMeasured(seq: Int64) -> Bool {
        seq >= windowFirst.load(ordering: .relaxed) && seq <= windowLast.load(ordering: .relaxed)
    }

    /// From now on, closed sockets are the run's doing, not the server's.
    func stop() { stoppingFlag.store(true, ordering: .relaxed) }

    var stopping: Bool { stoppingFlag.load(ordering: .relaxed) }
}
