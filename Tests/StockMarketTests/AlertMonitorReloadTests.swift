import Foundation
import Logging
import StockListing
import StockModel
import StockStorage
import StockStorageSQLite
import Synchronization
import Testing
@testable import StockMarket

/// A reload of the alert book (the cluster listener reconnected) reads storage while the API goes on creating and
/// deleting alerts: what it hears meanwhile must reach the book it builds.
@Suite("Alert monitor reloads")
struct AlertMonitorReloadTests {
    @Test("an alert deleted while a reload reads stays deleted; one created meanwhile is kept and fires",
          .timeLimit(.minutes(1)))
    func changesDuringReload() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = try SQLiteStorage(path: directory.appendingPathComponent("db.sqlite").path)
        _ = try await storage.upsert([ListingRecord(symbol: "AAA", name: "Alerted")])
        let security = try #require(try await storage.allSecurities().first).id
        let user = try await storage.createUser(username: "ada", passwordHash: "hash", at: Date()).id
        func create(_ condition: String, _ value: Int64) async throws -> StoredAlert {
            try await storage.createAlert(
                userID: user, securityID: security, condition: condition, value: value, limit: 200, at: Date())
        }
        let never = try await create("price_above", 10_000_000)   // 1,000: does not fire
        let deleted = try await create("price_above", 50_000)     // 5: would fire at 10

        let gated = GatedAlertStore(storage)
        let delivered = DeliveredAlerts()
        let monitor = AlertMonitor(
            store: gated, securities: storage, sink: RecordingSink(), delivery: delivered, logger: Logger(label: "test"))
        let running = Task { try await monitor.run() }
        defer { running.cancel() }
        while monitor.activeCount != 2 { try await Task.sleep(for: .milliseconds(10)) }

        // A reload reads both alerts; the API deletes one before the reload builds its book.
        var reload = gated.armed { try await monitor.load() }
        await gated.reached()
        #expect(try await storage.deleteAlert(userID: user, alertID: deleted.id))
        await monitor.alertDeleted(id: deleted.id)
        gated.open()
        try await reload.value
        #expect(monitor.activeCount == 1)

        // A reload reads before an alert is created: the new alert must not be lost with the old book.
        reload = gated.armed { try await monitor.load() }
        await gated.reached()
        let created = try await create("price_above", 50_000)
        await monitor.alertCreated(created)
        gated.open()
        try await reload.value
        #expect(monitor.activeCount == 2)

        monitor.publish(PriceTick(seq: 1, at: Date(), changes: [PriceUpdate(securityID: security, price: Price("10")!)]))
        #expect(await delivered.next()?.map(\.id) == [created.id])
        #expect(monitor.activeCount == 1)
        #expect(try await storage.activeAlerts().map(\.id) == [never.id])
    }
}

/// The SQLite store, whose `activeAlerts()` can be held after it has read, until the test opens it.
private final class GatedAlertStore: AlertStore {
    private struct Gate {
        var armed = false
        var reached: CheckedContinuation<Void, Never>?
        var waitingForReach: CheckedContinuation<Void, Never>?
        var opened: CheckedContinuation<Void, Never>?
        var hasReached = false
    }

    private let store: SQLiteStorage
    private let gate = Mutex(Gate())

    init(_ store: SQLiteStorage) { self.store = store }

    /// Runs `body` in a task with the gate armed: its next `activeAlerts()` reads, then waits for `open()`.
    func armed(_ body: @escaping @Sendable () async throws -> Void) -> Task<Void, any Error> {
        gate.withLock { $0 = Gate(armed: true) }
        return Task { try await body() }
    }

    /// Waits until the armed read has read and holds.
    func reached() async {
        await withCheckedContinuation { continuation in
            let now = gate.withLock { gate -> Bool in
                if gate.hasReached { return true }
                gate.waitingForReach = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    func open() {
        gate.withLock { gate in
            gate.armed = false
            return gate.opened.take()
        }?.resume()
    }

    func activeAlerts() async throws -> [StoredAlert] {
        let alerts = try await store.activeAlerts()
        guard gate.withLock({ $0.armed }) else { return alerts }
        await withCheckedContinuation { continuation in
            let waiter = gate.withLock { gate in
                gate.opened = continuation
                gate.hasReached = true
                return gate.waitingForReach.take()
            }
            waiter?.resume()
        }
        return alerts
    }

    func alerts(userID: Int64) async throws -> [StoredAlert] { try await store.alerts(userID: userID) }

    func createAlert(userID: Int64, securityID: Int64, condition: String, value: Int64, limit: Int, at time: Date)
        async throws -> StoredAlert {
        try await store.createAlert(
            userID: userID, securityID: securityID, condition: condition, value: value, limit: limit, at: time)
    }

    func deleteAlert(userID: Int64, alertID: Int64) async throws -> Bool {
        try await store.deleteAlert(userID: userID, alertID: alertID)
    }

    func alert(id: Int64) async throws -> StoredAlert? { try await store.alert(id: id) }

    func recordFirings(_ firings: [AlertFiring]) async throws -> [StoredAlert] {
        try await store.recordFirings(firings)
    }
}

/// The fired alerts handed on, batch by batch.
private final class DeliveredAlerts: FiredAlertDelivery {
    private let batches: AsyncStream<[StoredAlert]>
    private let input: AsyncStream<[StoredAlert]>.Continuation

    init() { (batches, input) = AsyncStream.makeStream() }

    func deliver(_ alerts: [StoredAlert], seq: Int64) async { input.yield(alerts) }

    func next() async -> [StoredAlert]? {
        var iterator = batches.makeAsyncIterator()
        return await iterator.next()
    }
}
