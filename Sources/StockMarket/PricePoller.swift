import Foundation
import Logging
import ServiceLifecycle
import StockModel
import StockStorage

/// Polls the price provider every `interval`, hands what changed to the hub and stores it in one transaction.
/// The count of ticks (`seq`) continues from the store's last one.
///
/// Runs never overlap: a poll that overruns its interval pushes the next one to the following interval
/// boundary. A failing provider never stops the service: the last prices stay, a security the provider has not
/// refreshed for `staleAfter` polls is reported stale, and it recovers with the provider.
public final class PricePoller: Service {
    /// How the poller runs.
    public struct Configuration: Sendable {
        /// Time between the starts of two polls.
        public var interval: Duration
        /// Polls without a fresh quote after which a security is reported stale.
        public var staleAfter: Int

        public init(interval: Duration = .seconds(5), staleAfter: Int = 3) {
            self.interval = interval
            self.staleAfter = staleAfter
        }
    }

    private let provider: any PriceProvider
    private let catalog: ListingCatalog
    private let store: any SecurityStore
    private let sink: any PriceTickSink
    private let configuration: Configuration
    private let logger: Logger

    /// - Parameters:
    ///   - catalog: the listing the poller quotes (refreshed before each poll).
    ///   - store: where the seq starts from and the changed prices are stored.
    public init(
        provider: any PriceProvider, catalog: ListingCatalog, store: any SecurityStore, sink: any PriceTickSink,
        configuration: Configuration = .init(), logger: Logger
    ) {
        self.provider = provider
        self.catalog = catalog
        self.store = store
        self.sink = sink
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var state = PollState(seq: await self.lastStoredSeq(), staleAfter: self.configuration.staleAfter)
            let clock = ContinuousClock()
            var next = clock.now
            while !Task.isCancelled {
                await self.poll(&state)
                next = next.advanced(by: self.configuration.interval)
                let now = clock.now
                if next < now {
                    // Overran: skip the missed boundaries rather than firing a burst of polls.
                    let behind = (now - next) / self.configuration.interval
                    next = next.advanced(by: self.configuration.interval * (Int(behind) + 1))
                }
                do {
                    try await Task.sleep(until: next, clock: clock)
                } catch {
                    return  // cancelled: the service is shutting down
                }
            }
        }
    }

    /// The seq the store ended with; 0 (with an error logged) when it cannot be read.
    private func lastStoredSeq() async -> Int64 {
        do {
            let seq = try await store.lastPriceSeq()
            logger.info("price poller starts", metadata: ["after_seq": "\(seq)"])
            return seq
        } catch {
            logger.error("could not read the last tick's seq; counting from 0", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// One tick: quote, diff, publish, store.
    func poll(_ state: inout PollState) async {
        let at = Date()
        state.seq += 1
        do {
            try await refreshListingIfNeeded(&state)
        } catch {
            logger.error("could not read the listing", metadata: ["error": "\(error)"])
        }
        var quotes = [Int64: Price]()
        do {
            quotes = try await provider.quotes(for: state.securities)
            state.failedPolls = 0
        } catch {
            state.failedPolls += 1
            logger.warning(
                "price provider failed; serving the last prices",
                metadata: ["error": "\(error)", "failed_polls": "\(state.failedPolls)"])
        }
        let tick = state.apply(quotes, at: at)
        // Sockets first: storing the prices takes a transaction's time that they need not wait for.
        sink.publish(tick)
        do {
            try await store.updatePrices(tick.changes, seq: tick.seq, at: at)
        } catch {
            logger.error("could not store prices", metadata: ["error": "\(error)", "count": "\(tick.changes.count)"])
        }
    }

    private func refreshListingIfNeeded(_ state: inout PollState) async throws {
        try await catalog.refresh()
        let listing = catalog.listing
        guard listing.version != state.listingVersion else { return }
        state.load(listing.securities.map(QuotedSecurity.init))
        state.listingVersion = listing.version
        sink.register(state.securities)
        logger.info("price poller tracks the listing", metadata: ["securities": "\(listing.securities.count)"])
    }
}

/// The poller's memory between ticks: the securities with their current prices and how many polls each has
/// gone without a fresh quote.
struct PollState {
    var seq: Int64
    let staleAfter: Int
    var listingVersion: Int64?
    var securities: [QuotedSecurity] = []
    var missedPolls: [Int] = []
    var stale: [Bool] = []
    var failedPolls = 0

    init(seq: Int64, staleAfter: Int) {
        self.seq = seq
        self.staleAfter = max(staleAfter, 1)
    }

    /// Takes a new listing, keeping what is known of securities that were already there.
    mutating func load(_ listing: [QuotedSecurity]) {
        var known = [Int64: (QuotedSecurity, Int, Bool)]()
        for (offset, security) in securities.enumerated() {
            known[security.id] = (security, missedPolls[offset], stale[offset])
        }
        securities = listing.map { security in
            guard let (previous, _, _) = known[security.id], previous.lastPrice != nil else { return security }
            return QuotedSecurity(id: security.id, ticker: security.ticker, lastPrice: previous.lastPrice)
        }
        missedPolls = listing.map { known[$0.id]?.1 ?? 0 }
        stale = listing.map { known[$0.id]?.2 ?? false }
    }

    /// Folds one poll's quotes in and returns the tick: changed prices, staleness transitions.
    mutating func apply(_ quotes: [Int64: Price], at: Date) -> PriceTick {
        var tick = PriceTick(seq: seq, at: at, changes: [])
        for offset in securities.indices {
            let id = securities[offset].id
            if let price = quotes[id] {
                missedPolls[offset] = 0
                if price != securities[offset].lastPrice {
                    securities[offset].lastPrice = price
                    tick.changes.append(PriceUpdate(securityID: id, price: price))
                }
                if stale[offset] {
                    stale[offset] = false
                    tick.becameFresh.append(id)
                }
            } else {
                missedPolls[offset] += 1
                if !stale[offset], missedPolls[offset] >= staleAfter, securities[offset].lastPrice != nil {
                    stale[offset] = true
                    tick.becameStale.append(id)
                }
            }
        }
        return tick
    }
}
