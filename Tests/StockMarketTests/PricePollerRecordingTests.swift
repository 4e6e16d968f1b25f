import Foundation
import Logging
import StockModel
import StockStorageSQLite
import Synchronization
import Testing
@testable import StockMarket

/// A tick store and sink in one, logging what happens in order: `read`, `fail N`, `record N`, `publish N`. Each
/// operation fails while its count of failures to come is above 0.
final class TickLedger: PriceTickStore, PriceTickSink {
    struct Unreachable: Error {}

    private struct State {
        var events: [String] = []
        var readFailures: Int
        var recordFailures: Int
    }

    private let state: Mutex<State>
    let lastSeq: Int64

    init(lastSeq: Int64, readFailures: Int = 0, recordFailures: Int = 0) {
        self.lastSeq = lastSeq
        state = Mutex(State(readFailures: readFailures, recordFailures: recordFailures))
    }

    var events: [String] { state.withLock { $0.events } }
    func failRecords(_ count: Int) { state.withLock { $0.recordFailures = count } }

    func lastPriceSeq() async throws -> Int64 {
        try attempt(\.readFailures, done: "read", failed: "fail read")
        return lastSeq
    }

    func record(_ tick: PriceTick) async throws {
        try attempt(\.recordFailures, done: "record \(tick.seq)", failed: "fail \(tick.seq)")
    }

    /// Logs `failed` and throws while the failures to come at `failures` are above 0, else logs `done`.
    private func attempt(_ failures: WritableKeyPath<State, Int>, done: String, failed: String) throws {
        try state.withLock { state in
            guard state[keyPath: failures] == 0 else {
                state[keyPath: failures] -= 1
                state.events.append(failed)
                throw Unreachable()
            }
            state.events.append(done)
        }
    }

    func register(_ securities: [QuotedSecurity]) {}

    func publish(_ tick: PriceTick) {
        state.withLock { $0.events.append("publish \(tick.seq)") }
    }
}

@Suite("Price poller: recording before publishing")
struct PricePollerRecordingTests {
    func poller(_ ledger: TickLedger, store: SQLiteStorage) -> PricePoller {
        let provider = ScriptedProvider()
        provider.setPrices([1: Price("10")!])
        return PricePoller(
            provider: provider, catalog: ListingCatalog(store: store, logger: Logger(label: "test")), ticks: ledger,
            sink: ledger, configuration: .init(interval: .milliseconds(20), staleAfter: 3),
            logger: Logger(label: "test"))
    }

    @Test("a last seq that cannot be read is read again, never taken as 0")
    func unreadableSeq() async throws {
        let (store, directory) = try await PricePollerTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = TickLedger(lastSeq: 41, readFailures: 3)
        let task = Task { try await poller(ledger, store: store).run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while !ledger.events.contains("publish 43"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        _ = try await task.value
        #expect(Array(ledger.events.prefix(8)) == [
            "fail read", "fail read", "fail read", "read", "record 42", "publish 42", "record 43", "publish 43",
        ])
    }

    @Test("a tick that cannot be recorded is tried again, published only once recorded, and seq goes on by one")
    func unrecordedTick() async throws {
        let (store, directory) = try await PricePollerTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = TickLedger(lastSeq: 7)
        let poller = poller(ledger, store: store)
        var state = PollState(seq: 7, staleAfter: 3)
        await poller.poll(&state)
        ledger.failRecords(3)
        await poller.poll(&state)
        await poller.poll(&state)
        #expect(ledger.events == ["record 8", "publish 8", "fail 9", "fail 9", "fail 9", "record 9", "publish 9",
                                  "record 10", "publish 10"])
    }

    @Test("a poller cancelled while a tick cannot be recorded ends without publishing it")
    func cancelledWhileUnrecorded() async throws {
        let (store, directory) = try await PricePollerTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = TickLedger(lastSeq: 0, recordFailures: .max)
        let task = Task { try await poller(ledger, store: store).run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while ledger.events.count < 4, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        _ = try await task.value
        #expect(ledger.events.count > 2)
        #expect(ledger.events.allSatisfy { $0 == "read" || $0 == "fail 1" })
    }
}
