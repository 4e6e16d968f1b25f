import Synchronization

/// The live-price sockets each user holds on this node, bounded by `ConnectionLimits.maxSocketsPerUser`.
final class SocketsPerUser: Sendable {
    private let limit: Int
    private let counts = Mutex<[Int64: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more socket for `userID`, unless the user already holds the limit (then `false`).
    func reserve(_ userID: Int64) -> Bool {
        counts.withLock { counts in
            let count = counts[userID, default: 0]
            guard count < limit else { return false }
            counts[userID] = count + 1
            return true
        }
    }

    /// Counts one socket less for `userID` (its connection closed).
    func release(_ userID: Int64) {
        counts.withLock { counts in
            let count = counts[userID, default: 0] - 1
            counts[userID] = count > 0 ? count : nil
        }
    }
}
