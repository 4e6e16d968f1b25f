import Foundation
import StockStorage

/// What one poll produced: the prices that changed and the securities whose staleness changed.
public struct PriceTick: Sendable {
    /// The tick number, +1 per poll.
    public var seq: Int64
    /// When the tick started (before the provider was asked).
    public var at: Date
    /// The new prices of the securities whose price changed.
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

/// Where the poller hands each tick (the hub; tests use their own).
public protocol PriceTickSink: Sendable {
    /// Makes the securities (tickers and last prices) known before the first tick, and again when the listing
    /// changes.
    func register(_ securities: [QuotedSecurity])
    /// Takes one tick; must not wait on any client.
    func publish(_ tick: PriceTick)
}
