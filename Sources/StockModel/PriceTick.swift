import Foundation

/// What one poll produced: the prices and quotes that changed and the securities whose staleness changed. The hub
/// fans it out to sockets; on PostgreSQL the leader records it for every node.
public struct PriceTick: Sendable, Equatable {
    /// The tick number, +1 per poll.
    public var seq: Int64
    /// When the tick started (before the provider was asked).
    public var at: Date
    /// The new prices of the securities whose price or quote changed (with the whole quote when it is known).
    public var changes: [PriceUpdate]
    /// Securities that just became stale (not refreshed for several polls).
    public var becameStale: [Int64]
    /// Securities that were stale and got a fresh quote again.
    public var becameFresh: [Int64]

    public init(seq: Int64, at: Date, changes: [PriceUpdate], becameStale: [Int64] = [], becameFresh: [Int64] = []) {
        self.seq = seq
        self.at = at
        self.changes = changes
        self.becameStale = becameStale
        self.becameFresh = becameFresh
    }
}
