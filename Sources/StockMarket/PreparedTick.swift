import Dispatch
import Foundation
import StockModel
import Synchronization

/// A tick's changes worked out before the hub's lock is taken: each changed security's new price and quote, the
/// fields its delta carries and its three JSON fragments, written on every core (the event loops are idle then,
/// waiting for the tick). Under the lock the hub then only stores them and marks the subscribers.
enum PreparedTick {
    /// The fewest changes worth a thread of their own.
    static let changesPerThread = 1_000

    /// The change of each of `changes` (same order), from what each security stood at (`nil`: a security the hub
    /// does not hold, or a change that changes nothing).
    static func changes(_ changes: [PriceUpdate], from standings: [HubSecurity.Standing?]) -> [HubSecurity.Change?] {
        precondition(changes.count == standings.count, "PreparedTick: one standing a change")
        let count = changes.count
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / changesPerThread))
        guard threads > 1 else { return zip(changes, standings).map { change(of: $0, from: $1) } }
        // Each thread works out a slice of its own; `concurrentPerform` returns when all are done.
        let slices = Mutex([[HubSecurity.Change?]](repeating: [], count: threads))
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            let range = (count * part / threads)..<(count * (part + 1) / threads)
            let slice = range.map { change(of: changes[$0], from: standings[$0]) }
            slices.withLock { $0[part] = slice }
        }
        return slices.withLock { Array($0.joined()) }
    }

    private static func change(of update: PriceUpdate, from standing: HubSecurity.Standing?) -> HubSecurity.Change? {
        standing?.change(to: update.price, quote: update.quote)
    }
}
