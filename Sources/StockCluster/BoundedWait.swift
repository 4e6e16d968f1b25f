import Synchronization

/// What `boundedWait` throws when its operation has not finished within the timeout.
struct OperationTimedOut: Error, CustomStringConvertible {
    var timeout: Duration
    var description: String { "no answer within \(timeout)" }
}

/// Waits for `operation`, which runs in a task of its own, for at most `timeout` (when given), and for at most
/// `grace` once the waiting task is cancelled. Past either bound the operation is cancelled and left to end on
/// its own, and this throws `OperationTimedOut` or `CancellationError`.
///
/// Structured concurrency waits for every child, and a query on a `PostgresConnection` that closed under it may
/// never answer (seen after a PostgreSQL crash: such a wait held a node's shutdown forever). Whatever waits on a
/// cluster service's own connection goes through here, so that no wait on PostgreSQL is unbounded.
func boundedWait<Value: Sendable>(
    timeout: Duration? = nil, graceAfterCancellation grace: Duration = .zero,
    _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let outcome = Outcome<Value>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            outcome.install(continuation)
            let work = Task {
                do {
                    outcome.resume(with: .success(try await operation()))
                } catch {
                    outcome.resume(with: .failure(error))
                }
            }
            outcome.setWork(work)
            if let timeout {
                outcome.setTimer(Task {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    work.cancel()
                    outcome.resume(with: .failure(OperationTimedOut(timeout: timeout)))
                })
            }
        }
    } onCancel: {
        outcome.cancel(grace: grace)
    }
}

/// The one result of a `boundedWait`: the first of the operation's own, the timeout and the end of the grace
/// after cancellation resumes the waiter; the others are dropped.
private final class Outcome<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var result: Result<Value, any Error>?
        var work: Task<Void, Never>?
        var timers: [Task<Void, Never>] = []
        var cancelled = false
    }

    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        let ready = state.withLock { state -> Result<Value, any Error>? in
            if let result = state.result { return result }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func setWork(_ work: Task<Void, Never>) {
        let cancelled = state.withLock { state in
            state.work = work
            return state.cancelled
        }
        if cancelled { work.cancel() }
    }

    func setTimer(_ timer: Task<Void, Never>) {
        let done = state.withLock { state in
            state.timers.append(timer)
            return state.result != nil
        }
        if done { timer.cancel() }
    }

    /// The waiter was cancelled: the operation is cancelled at once and given `grace` to end.
    func cancel(grace: Duration) {
        let work = state.withLock { state in
            state.cancelled = true
            return state.work
        }
        work?.cancel()
        setTimer(Task {
            try? await Task.sleep(for: grace)
            self.resume(with: .failure(CancellationError()))
        })
    }

    func resume(with result: Result<Value, any Error>) {
        let (continuation, timers) = state.withLock { state -> (CheckedContinuation<Value, any Error>?, [Task<Void, Never>]) in
            guard state.result == nil else { return (nil, []) }
            state.result = result
            defer { state.continuation = nil }
            return (state.continuation, state.timers)
        }
        for timer in timers { timer.cancel() }
        continuation?.resume(with: result)
    }
}
