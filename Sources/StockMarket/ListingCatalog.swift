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
        /// Every security, in id order. A security's position here is how the search index knows it.
        public let securities: [Security]

        /// Reads the current generation from `store`.
        public static func load(from store: any SecurityStore) async throws -> Listing {
            let version = try await store.listingVersion()
            return Listing(version: version, securities: try await store.allSecurities())
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
        guard try await store.listingVersion() != listing.version else { return false }
        let fresh = try await Listing.load(from: store)
        // Two refreshes at once (the poller's and the service's) load the same generation: only one hands it on.
        let observers = state.withLock { state -> [@Sendable (Listing) -> Void]? in
            guard state.listing.version != fresh.version else { return nil }
            state.listing = fresh
            return state.observers
        }
        guard let observers else { return false }
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
