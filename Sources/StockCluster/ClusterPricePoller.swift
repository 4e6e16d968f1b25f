import Logging
import StockMarket
import StockModel
import StockStorage
import StockStoragePostgres

/// The leader's work: polls the provider with a `PricePoller` that continues the recorded seq, and records each
/// tick in PostgreSQL, which notifies every node (this one included) to deliver it to its own sockets. A tick
/// that cannot be recorded is tried again, never skipped, so no node publishes one the database lacks.
struct ClusterPricePoller: Sendable {
    let storage: PostgresStorage
    let catalog: ListingCatalog
    let provider: any PriceProvider
    let configuration: PricePoller.Configuration
    /// Where the price alerts' book is found while this node leads.
    let leaderAlerts: LeaderAlerts
    let logger: Logger

    /// Runs until cancelled (leadership lost or the service stopping). While leading, the node also evaluates
    /// every price alert: the book sits between the poller and its sink, loaded from storage at each new term.
    func run() async throws {
        let alerts = AlertMonitor(
            store: storage, securities: storage, sink: DeliveredByListener(),
            delivery: ClusterFiredAlerts(storage: storage, logger: logger), logger: logger)
        let poller = PricePoller(
            provider: provider, catalog: catalog, ticks: RecordedTicks(storage: storage), sink: alerts,
            configuration: configuration, logger: logger)
        leaderAlerts.set(alerts)
        defer { leaderAlerts.set(nil) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await alerts.run() }
            group.addTask { try await poller.run() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}

/// The ticks as PostgreSQL records them for every node: the changed prices, then the tick and its `NOTIFY`.
struct RecordedTicks: PriceTickStore {
    let storage: PostgresStorage

    func lastPriceSeq() async throws -> Int64 {
        try await storage.lastPriceTickSeq()
    }

    func record(_ tick: PriceTick) async throws {
        try await storage.updatePrices(tick.changes, seq: tick.seq, at: tick.at)
        do {
            try await storage.recordPriceTick(tick)
        } catch StorageError.conflict {
            // An earlier attempt committed, but its answer was lost with the connection: the tick is recorded.
        }
    }
}

/// The poller's sink on the leader: securities and ticks reach each node's hub (this one's too) through
/// `ClusterListener`, once recorded, so there is nothing to hand on here.
private struct DeliveredByListener: PriceTickSink {
    func register(_ securities: [QuotedSecurity]) {}

    func publish(_ tick: PriceTick) {}
}
