import Logging
import ServiceLifecycle
import StockModel
import StockStorage
import Synchronization

/// The stored listing in memory, one generation at a time: the one place a node reads the listing's version and
/// loads every security. The search index, the hub and the poller read the generation it holds; running as a
/// service, it looks for a new version every `interval`, so that an import (from any node) reaches a running server.
public final class ListingCatalog: Service {
    /// One generation of the listing.
    public struct Listing: Sendable {
        /// The stored `listingVersion()` it was read at; `nil` before the first load.
        public let version: Int64?
        /// Every security at its position: the node's one mapping from a database id to the index by which the
        /// search index and the hub know a security (`position(of:)`). A position never changes in a running
        /// node: a generation keeps the positions of the one before it and appends the securities new to it, in
        /// id order (ids grow, so positions follow ids). The store never deletes a security; one gone from it
        /// would keep its position and its last record.
        public let securities: [Security]
        private let positionByID: [Int64: Int32]

        init(version: Int64?, securities: [Security]) {
            self.version = version
            self.securities = securities
            positionByID = Dictionary(
                securities.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        }

        /// The position of the security `id` in `securities`, `nil` for one this generation does not hold.
        public func position(of id: Int64) -> Int? {
            positionByID[id].map(Int.init)
        }

        /// Reads the current generation from `store`, its securities in id order.
        public static func load(from store: any SecurityStore) async throws -> Listing {
            let version = try await store.listingVersion()
            return Listing(version: nil, securities: []).successor(
                version: version, loaded: try await store.allSecurities())
        }

        /// The generation of `loaded` (every stored security, in id order) at `version`, with this one's positions:
        /// securities known here are updated in place, new ones appended.
        func successor(version: Int64?, loaded: [Security]) -> Listing {
            var securities = self.securities
            var added: [Security] = []
            for security in loaded {
                if let position = positionByID[security.id] {
                    securities[Int(position)] = security
                } else {
                    added.append(security)
                }
            }
            return Listing(version: version, securities: securities + added)
        }
    }

    private let store: any SecurityStore
    private let interval: Duration
    private let logger: Logger
    private let state = Mutex<(listing: Listing, observers: [@Sendable (Listing) -> Void])>(
        (Listing(version: nil, securities: []), []))

    public init(store: any SecurityStore, interval: Duration = .seconds(2), logger: Logger) {
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    /// The generation loaded last (empty before the first `refresh()`).
    public var listing: Listing { state.withLock { $0.listing } }

    /// Calls `observer` with every generation loaded from now on, in order.
    public func observe(_ observer: @escaping @Sendable (Listing) -> Void) {
        state.withLock { $0.observers.append(observer) }
    }

    /// Loads the listing when its stored version differs from the current generation's; returns whether it did.
    @discardableResult
    public func refresh() async throws -> Bool {
        let version = try await store.listingVersion()
        guard version != listing.version else { return false }
        let loaded = try await store.allSecurities()
        // Two refreshes at once (the poller's and the service's) load the same generation: only one hands it on.
        // The positions follow the generation held now, whichever refresh set it.
        let handedOn = state.withLock { state -> (Listing, [@Sendable (Listing) -> Void])? in
            guard state.listing.version != version else { return nil }
            state.listing = state.listing.successor(version: version, loaded: loaded)
            return (state.listing, state.observers)
        }
        guard let (fresh, observers) = handedOn else { return false }
        for observer in observers { observer(fresh) }
        return true
    }

    /// Refreshes every `interval` until the service stops. A graceful shutdown cancels the wait and a refresh
    /// in progress, so that a database that is down or restarting cannot hold the shutdown up.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                guard (try? await Task.sleep(for: self.interval)) != nil else { return }
                do {
                    if try await self.refresh() {
                        self.logger.info(
                            "listing changed", metadata: ["securities": "\(self.listing.securities.count)"])
                    }
                } catch {
                    if !Task.isCancelled {
                        self.logger.error("could not read the listing", metadata: ["error": "\(error)"])
                    }
                }
            }
        }
    }
}
