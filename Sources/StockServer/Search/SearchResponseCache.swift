import NIOCore
import Synchronization

/// The bodies of `GET /security` answers as written, by query and limit, for one version of the hub's quotes: a
/// query asked again before the next tick (the same words typed by many users) is answered with the bytes already
/// written, without searching or writing JSON again.
///
/// Honest by construction: each catalog generation has its own cache (a new listing starts an empty one), every
/// entry is dropped as soon as the hub's quotes change (`PriceHub.quotesVersion`, each tick), and an answer
/// written from older quotes than the cache holds is not stored. Bounded by `maximumBytes` (the bodies'
/// capacities and the keys): when the next body would pass it, every entry is dropped; 0 turns the cache off.
final class SearchResponseCache: Sendable {
    /// What an answer depends on besides the catalog and the quotes.
    struct Key: Hashable, Sendable {
        let query: String
        let limit: Int
    }

    private struct State {
        var version: UInt64 = 0
        var bodies: [Key: ByteBuffer] = [:]
        var bytes = 0
    }

    /// The most bytes the stored bodies and their keys take.
    let maximumBytes: Int
    private let state = Mutex(State())

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    /// The body stored for `key` under quotes `version`, if any.
    func body(for key: Key, version: UInt64) -> ByteBuffer? {
        guard maximumBytes > 0 else { return nil }
        return state.withLock { $0.version == version ? $0.bodies[key] : nil }
    }

    /// Keeps `body`, written from quotes of `version` (read before the quotes were), for `key`.
    func store(_ body: ByteBuffer, for key: Key, version: UInt64) {
        let cost = Self.cost(of: body, key)
        guard cost <= maximumBytes else { return }
        state.withLock { state in
            if state.version != version {
                // Written from quotes older than those already cached: never served.
                guard version > state.version else { return }
                state = State(version: version)
            }
            if state.bytes + cost > maximumBytes { state = State(version: version) }
            if let replaced = state.bodies.updateValue(body, forKey: key) { state.bytes -= Self.cost(of: replaced, key) }
            state.bytes += cost
        }
    }

    /// The number of bodies stored and the bytes they count for.
    var usage: (bodies: Int, bytes: Int) { state.withLock { ($0.bodies.count, $0.bytes) } }

    /// A body's capacity, its key's bytes and 64 for the dictionary's entry.
    private static func cost(of body: ByteBuffer, _ key: Key) -> Int {
        body.capacity + key.query.utf8.count + 64
    }
}
