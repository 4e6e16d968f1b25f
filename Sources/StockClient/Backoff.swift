/// Reconnect delays that double from `initial` up to `maximum`, with up to 20 % random jitter so that many
/// clients do not come back at the same instant; `reset()` after a connection that worked.
public struct Backoff: Sendable, Equatable {
    public let initial: Duration
    public let maximum: Duration
    /// How many delays were handed out since the last reset.
    public private(set) var attempt = 0

    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(15)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The undisturbed delay of the next attempt: `initial · 2^attempt`, capped at `maximum`.
    public var nominalDelay: Duration {
        var delay = initial
        for _ in 0..<min(attempt, 30) where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }

    /// The delay before the next attempt (with jitter), counting the attempt.
    public mutating func next(jitter: Double = Double.random(in: 0...0.2)) -> Duration {
        let delay = nominalDelay * (1 - min(max(jitter, 0), 1))
        attempt += 1
        return delay
    }

    public mutating func reset() { attempt = 0 }
}
