import Foundation
import Logging
import ServiceLifecycle
import StockAlerts
import StockModel
import StockStorage
import Synchronization

/// Where fired alerts go once recorded: this node's hub, or in a cluster a `NOTIFY` that reaches every node's.
public protocol FiredAlertDelivery: Sendable {
    func deliver(_ alerts: [StoredAlert], seq: Int64) async
}

/// Told about every alert created or deleted (the API), so that the evaluating book follows.
public protocol AlertChangeObserver: Sendable {
    func alertCreated(_ alert: StoredAlert) async
    func alertDeleted(id: Int64) async
}

/// The hub pushes each fired alert to every open socket of its user on this node.
extension PriceHub: FiredAlertDelivery {
    public func deliver(_ alerts: [StoredAlert], seq: Int64) async {
        for alert in alerts { send(AlertMessage.fired(alert, seq: seq), toUser: alert.userID) }
    }
}

/// The polling node's price alerts (`docs/alerts.md`): an `AlertBook` loaded from storage when the service starts,
/// evaluated on each tick the poller publishes (it sits between the poller and `sink`), the fired alerts recorded
/// (each once) and then handed to `delivery`. A tick costs the book's evaluation under a lock, nothing more: the
/// recording and delivery run in the service's task, in tick order.
public final class AlertMonitor: PriceTickSink, AlertChangeObserver, Service {
    /// An alert created or deleted through the API.
    private enum AlertChange {
        case created(Alert)
        case deleted(id: Int64)
    }

    /// The book, and the changes heard while no book was loaded or a load was reading storage: the read may have
    /// missed them (a new alert) or still seen them (a deleted one), so the book a load builds applies them again.
    private struct State {
        var book: AlertBook?
        var loadsReading = 0
        var heardDuringLoad: [AlertChange] = []

        mutating func hear(_ change: AlertChange) {
            if book != nil { Self.apply(change, to: &book!) }
            if book == nil || loadsReading > 0 { heardDuringLoad.append(change) }
        }

        mutating func endLoad(with newBook: AlertBook?) {
            if var newBook {
                for change in heardDuringLoad { Self.apply(change, to: &newBook) }
                book = newBook
            }
            loadsReading -= 1
            if loadsReading == 0, book != nil { heardDuringLoad = [] }
        }

        static func apply(_ change: AlertChange, to book: inout AlertBook) {
            switch change {
            case .created(let alert): book.add(alert)
            case .deleted(let id): book.remove(id: id)
            }
        }
    }

    private struct FiredBatch {
        var fired: [FiredAlert]
        var seq: Int64
        var at: Date
    }

    private let state = Mutex(State())
    private let store: any AlertStore
    private let securities: any SecurityStore
    private let sink: any PriceTickSink
    private let delivery: any FiredAlertDelivery
    private let logger: Logger
    private let batches: AsyncStream<FiredBatch>
    private let batchInput: AsyncStream<FiredBatch>.Continuation

    /// - Parameters:
    ///   - sink: where each tick goes on (the hub; nothing on a cluster's leader, whose ticks reach the hubs through
    ///     storage).
    ///   - securities: the last prices and previous closes the book starts from.
    public init(
        store: any AlertStore, securities: any SecurityStore, sink: any PriceTickSink,
        delivery: any FiredAlertDelivery, logger: Logger
    ) {
        self.store = store
        self.securities = securities
        self.sink = sink
        self.delivery = delivery
        self.logger = logger
        (batches, batchInput) = AsyncStream.makeStream(of: FiredBatch.self)
    }

    /// The number of alerts the book holds (0 before it is loaded).
    public var activeCount: Int { state.withLock { $0.book?.count ?? 0 } }

    /// Loads the book, then records and delivers what the ticks fire until the service stops.
    public func run() async throws {
        try await load()
        await withGracefulShutdownHandler {
            for await batch in batches { await record(batch) }
        } onGracefulShutdown: {
            self.batchInput.finish()
        }
    }

    /// Reads the active alerts and the securities' last prices and previous closes into a new book; every alert
    /// in it is checked on the next tick (one whose condition came to hold meanwhile fires then). Alerts created
    /// or deleted while it reads are applied to the new book too, so a reload (after the cluster listener
    /// reconnects) never brings back a deleted alert nor loses a new one.
    public func load() async throws {
        state.withLock { $0.loadsReading += 1 }
        let book: AlertBook
        do {
            let stored = try await store.activeAlerts().compactMap(Self.alert)
            var prices: [Int64: Price] = [:]
            var references: [Int64: Price] = [:]
            for security in try await securities.allSecurities() {
                prices[security.id] = security.lastPrice
                references[security.id] = security.quote.previousClose
            }
            book = AlertBook(alerts: stored, prices: prices, references: references)
        } catch {
            state.withLock { $0.endLoad(with: nil) }
            throw error
        }
        let active = state.withLock { state in
            state.endLoad(with: book)
            return state.book?.count ?? 0
        }
        logger.info("price alerts loaded", metadata: ["active": "\(active)"])
    }

    public func register(_ securities: [QuotedSecurity]) {
        sink.register(securities)
    }

    /// Hands the tick on, then evaluates it: previous closes first (the percent conditions' reference), then the
    /// prices.
    public func publish(_ tick: PriceTick) {
        sink.publish(tick)
        let fired = state.withLock { state -> [FiredAlert] in
            guard state.book != nil else { return [] }
            for change in tick.changes {
                if let previousClose = change.quote?.previousClose {
                    state.book!.setReference(previousClose, securityID: change.securityID)
                }
            }
            return state.book!.evaluate(tick.changes)
        }
        if !fired.isEmpty { batchInput.yield(FiredBatch(fired: fired, seq: tick.seq, at: tick.at)) }
    }

    public func alertCreated(_ alert: StoredAlert) async {
        guard alert.triggeredAt == nil, let active = Self.alert(alert) else { return }
        state.withLock { $0.hear(.created(active)) }
    }

    public func alertDeleted(id: Int64) async {
        state.withLock { $0.hear(.deleted(id: id)) }
    }

    /// Records a tick's fired alerts, trying again every second while storage fails (they have left the book:
    /// dropping them would lose them), then delivers those recorded now.
    private func record(_ batch: FiredBatch) async {
        let firings = batch.fired.map { AlertFiring(alertID: $0.alert.id, price: $0.price, at: batch.at) }
        for attempt in 1...Self.recordAttempts {
            do {
                let recorded = try await store.recordFirings(firings)
                await delivery.deliver(recorded, seq: batch.seq)
                return
            } catch {
                logger.error("could not record fired alerts", metadata: [
                    "alerts": "\(firings.count)", "attempt": "\(attempt)", "error": "\(error)",
                ])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// How often a batch of fired alerts is tried (a second apart) before it is given up.
    static let recordAttempts = 60

    /// The book's alert of a stored one; `nil` for a condition the book does not know.
    static func alert(_ stored: StoredAlert) -> Alert? {
        guard let condition = AlertCondition(name: stored.condition, tenThousandths: stored.value) else { return nil }
        return Alert(
            id: stored.id, userID: stored.userID, securityID: stored.securityID, condition: condition,
            createdAt: stored.createdAt)
    }
}
