import Foundation
import Logging
import ServiceLifecycle
import StockModel
import StockQuotes
import StockStorage

/// Polls the price provider every `interval`, folds the quotes into each security's trading day (`QuoteBook`: the
/// previous close rolls over at each session's end, the day's range and volume accumulate, the market state follows
/// the calendars), records what changed with its seq, then hands it to the hub.
/// The count of ticks (`seq`) continues from the store's last one and never goes backwards: while the store
/// cannot tell it, or cannot record a tick, the poller tries again every `interval` (the tick is kept, not
/// dropped) and publishes nothing, so every tick a socket sees is recorded.
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
        /// The calendars quotes follow.
        public var calendars: QuoteCalendars

        public init(interval: Duration = .seconds(5), staleAfter: Int = 3, calendars: QuoteCalendars? = nil) {
            self.interval = interval
            self.staleAfter = staleAfter
            self.calendars = calendars ?? QuoteCalendars(.alwaysOpen)
        }
    }

    private let provider: any PriceProvider
    private let catalog: ListingCatalog
    private let ticks: any PriceTickStore
    private let sink: any PriceTickSink
    private let configuration: Configuration
    private let logger: Logger

    /// - Parameters:
    ///   - catalog: the listing the poller quotes (refreshed before each poll).
    ///   - store: where the seq starts from and the changed prices are stored.
    public convenience init(
        provider: any PriceProvider, catalog: ListingCatalog, store: any SecurityStore, sink: any PriceTickSink,
        configuration: Configuration = .init(), logger: Logger
    ) {
        self.init(
            provider: provider, catalog: catalog, ticks: SecurityStoreTicks(store: store), sink: sink,
            configuration: configuration, logger: logger)
    }

    /// - Parameters:
    ///   - catalog: the listing the poller quotes (refreshed before each poll).
    ///   - ticks: where the seq starts from and each tick is recorded before `sink` gets it.
    public init(
        provider: any PriceProvider, catalog: ListingCatalog, ticks: any PriceTickStore, sink: any PriceTickSink,
        configuration: Configuration = .init(), logger: Logger
    ) {
        self.provider = provider
        self.catalog = catalog
        self.ticks = ticks
        self.sink = sink
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            guard let seq = await self.lastStoredSeq() else { return }  // cancelled before it could be read
            var state = PollState(
                seq: seq, staleAfter: self.configuration.staleAfter, calendars: self.configuration.calendars)
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

    /// The seq the store ended with, never guessed (counting from 0 would move `seq` backwards); `nil` when the
    /// poller is cancelled before it could be read.
    private func lastStoredSeq() async -> Int64? {
        let seq = await retrying("could not read the last tick's seq; trying again") { try await ticks.lastPriceSeq() }
        if let seq { logger.info("price poller starts", metadata: ["after_seq": "\(seq)"]) }
        return seq
    }

    /// Runs `operation` again every `interval` until it succeeds, logging each failure; `nil` when the poller is
    /// cancelled first.
    private func retrying<Value>(
        _ message: Logger.Message, metadata: Logger.Metadata = [:], _ operation: () async throws -> Value
    ) async -> Value? {
        var failures = 0
        while true {
            do {
                return try await operation()
            } catch {
                guard !Task.isCancelled else { return nil }  // the service stopping, not a failure
                failures += 1
                logger.error(message, metadata: metadata.merging(
                    ["failures": "\(failures)", "error": "\(error)"], uniquingKeysWith: { $1 }))
            }
            guard (try? await Task.sleep(for: configuration.interval)) != nil else { return nil }
        }
    }

    /// One tick: quote, fold into the trading day, record, publish, store the prices.
    func poll(_ state: inout PollState) async {
        let at = Date()
        state.seq += 1
        do {
            try await refreshListingIfNeeded(&state, at: at)
        } catch {
            logger.error("could not read the listing", metadata: ["error": "\(error)"])
        }
        state.prepare(at: at)
        var quotes = [Int64: ProviderQuote]()
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
        // Recorded first: a tick no store holds is never published (a restart would repeat its seq).
        let recorded: Void? = await retrying(
            "could not record the price tick; publishing nothing until it is", metadata: ["seq": "\(tick.seq)"]
        ) { try await ticks.record(tick) }
        guard recorded != nil else { return }  // cancelled
        sink.publish(tick)
        _ = await retrying(
            "could not store the published tick's prices; polling again once they are", metadata: ["seq": "\(tick.seq)"]
        ) { try await ticks.storePrices(of: tick) }
    }

    private func refreshListingIfNeeded(_ state: inout PollState, at time: Date) async throws {
        try await catalog.refresh()
        let listing = catalog.listing
        guard listing.version != state.listingVersion else { return }
        state.load(listing.securities, at: time)
        state.listingVersion = listing.version
        sink.register(state.securities)
        logger.info("price poller tracks the listing", metadata: ["securities": "\(listing.securities.count)"])
    }
}
