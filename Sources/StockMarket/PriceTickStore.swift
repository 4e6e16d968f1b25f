import StockModel
import StockStorage

/// Where the poller continues the seq from and records each tick before it is published.
public protocol PriceTickStore: Sendable {
    /// The seq of the last recorded tick (0 before the first).
    func lastPriceSeq() async throws -> Int64
    /// Records one tick (its changed prices and its seq); a throw leaves it unrecorded, to be tried again.
    func record(_ tick: PriceTick) async throws
}

/// A `SecurityStore`'s prices as the poller's tick store: the changed prices and the seq in one transaction.
struct SecurityStoreTicks: PriceTickStore {
    let store: any SecurityStore

    func lastPriceSeq() async throws -> Int64 {
        try await store.lastPriceSeq()
    }

    func record(_ tick: PriceTick) async throws {
        try await store.updatePrices(tick.changes, seq: tick.seq, at: tick.at)
    }
}
