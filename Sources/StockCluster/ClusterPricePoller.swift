import Logging
import StockMarket
import StockModel
import StockStoragePostgres

/// The leader's work: polls the provider with a `PricePoller` that continues the recorded seq, and records each
/// tick in PostgreSQL, which notifies every node (this one included) to deliver it to its own sockets.
struct ClusterPricePoller: Sendable {
    let storage: PostgresStorage
    let catalog: ListingCatalog
    let provider: any PriceProvider
    let configuration: PricePoller.Configuration
    let logger: Logger

    /// Runs until cancelled (leadership lost or the service stopping).
    func run() async throws {
        let (ticks, continuation) = AsyncStream.makeStream(of: PriceTick.self, bufferingPolicy: .unbounded)
        let poller = PricePoller(
            provider: provider, catalog: catalog, store: storage, sink: TickRecorder(ticks: continuation),
            configuration: configuration, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await poller.run()
            }
            for await tick in ticks {
                do {
                    try await storage.recordPriceTick(tick)
                } catch {
                    logger.error("could not record a price tick", metadata: ["seq": "\(tick.seq)", "error": "\(error)"])
                }
            }
            try await group.waitForAll()
        }
    }
}

/// The poller's sink on the leader: hands ticks to the recording loop without waiting. Securities are registered
/// with each node's hub by `ClusterListener`, so `register` has nothing to do here.
private struct TickRecorder: PriceTickSink {
    let ticks: AsyncStream<PriceTick>.Continuation

    func register(_ securities: [QuotedSecurity]) {}

    func publish(_ tick: PriceTick) {
        ticks.yield(tick)
    }
}
