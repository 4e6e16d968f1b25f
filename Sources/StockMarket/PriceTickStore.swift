import StockModel
import StockStorage

/// Where the poller continues the seq from and records each tick before it is published.
public protocol PriceTickStore: Sendable {
    /// The seq of the last recorded tick (0 before the first).
    func lastPriceSeq() async throws -> Int64
    /// Records what must be stored before the tick is published: its seq, so that a restart never hands it out
    /// again, and its prices where other nodes read them from the store. A throw leaves it unrecorded, to be
    /// tried again.
    func record(_ tick: PriceTick) async throws
    /// Stores the prices of a tick that `record` stored and the sockets already have, when `record` left them
    /// out; the poller calls it right after publishing. Storing them may lag the sockets, never the next tick.
    func storePrices(of tick: PriceTick) async throws
}

extension PriceTickStore {
    /// `record` stored the prices with the seq: nothing is left.
    public func storePrices(of tick: PriceTick) async throws {}
}

/// A `SecurityStore` as the poller's tick store on one node: the seq is stored before the tick is published (one
/// small transaction), its changed prices right after. Nobody reads a price from this store before the next tick,
/// so the sockets need not wait for the larger write (tens of milliseconds for 11,000 prices on SQLite); a crash
/// between the two keeps the prices of the tick before, which the next poll replaces.
struct SecurityStoreTicks: PriceTickStore {
    let store: any SecurityStore

    func lastPriceSeq() async throws -> Int64 {
        try await store.lastPriceSeq()
    }

    func record(_ tick: PriceTick) async throws {
        try await store.updatePrices([], seq: tick.seq, at: tick.at)
    }

    func storePrices(of tick: PriceTick) async throws {
        guard !tick.changes.isEmpty else { return }
        try await store.updatePrices(tick.changes, seq: tick.seq, at: tick.at)
    }
}
