import Foundation
import Logging
import ServiceLifecycle
import StockListing
import StockModel
import StockQuotes
import StockStorage
import StockStorageSQLite
import Synchronization
import Testing
@testable import StockMarket

@Suite("Price poller")
struct PricePollerTests {
    /// A SQLite store in a temporary directory holding AAA (id 1), BBB (2), CCC (3).
    static func makeStore() async throws -> (SQLiteStorage, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poller-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStorage(path: directory.appendingPathComponent("db.sqlite").path)
        _ = try await store.upsert(["AAA", "BBB", "CCC"].map { ListingRecord(symbol: $0, name: $0) })
        return (store, directory)
    }

    func poller(_ provider: any PriceProvider, _ store: any SecurityStore, _ sink: any PriceTickSink,
                interval: Duration = .seconds(5)) -> PricePoller {
        PricePoller(
            provider: provider, catalog: ListingCatalog(store: store, logger: Logger(label: "test")), store: store,
            sink: sink,
            configuration: .init(interval: interval, staleAfter: 3), logger: Logger(label: "test"))
    }

    @Test("a failing provider keeps the last prices, marks them stale after 3 polls, and recovers")
    func outage() async throws {
        let (store, directory) = try await Self.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = ScriptedProvider()
        let sink = RecordingSink()
        let poller = poller(provider, store, sink)
        var state = PollState(seq: 0, staleAfter: 3)
        provider.setPrices([1: Price("10")!, 2: Price("20")!, 3: Price("30")!])
        await poller.poll(&state)
        #expect(sink.ticks.last?.changes.count == 3)

        provider.setFailing(true)
        for _ in 1...2 { await poller.poll(&state) }
        #expect(sink.ticks.allSatisfy { $0.becameStale.isEmpty })
        await poller.poll(&state)
        #expect(Set(sink.ticks.last?.becameStale ?? []) == [1, 2, 3])
        #expect(try await store.security(id: 1)?.lastPrice == Price("10"))

        provider.setFailing(false)
        provider.setPrices([1: Price("11")!, 2: Price("20")!])
        await poller.poll(&state)
        let recovered = try #require(sink.ticks.last)
        #expect(Set(recovered.becameFresh) == [1, 2])
        #expect(recovered.changes.map(\.securityID) == [1])
        #expect(recovered.changes.map(\.price) == [Price("11")!])
        #expect(recovered.seq == 5)
        #expect(try await store.security(id: 1)?.lastPrice == Price("11"))
    }

    @Test("only changed prices are stored and published")
    func onlyChanges() async throws {
        let (store, directory) = try await Self.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = ScriptedProvider()
        let sink = RecordingSink()
        let poller = poller(provider, store, sink)
        var state = PollState(seq: 0, staleAfter: 3)
        provider.setPrices([1: Price("10")!, 2: Price("20")!])
        await poller.poll(&state)
        provider.setPrices([1: Price("10")!, 2: Price("21.5")!])
        await poller.poll(&state)
        #expect(sink.ticks.map(\.seq) == [1, 2])
        #expect(sink.ticks[1].changes.map(\.securityID) == [2])
        #expect(sink.ticks[1].changes.first?.price == Price("21.5"))
        #expect(try await store.security(id: 2)?.lastPrice == Price("21.5"))
    }

    @Test("a restarted poller starts from the stored prices, and its first tick carries their whole quotes once")
    func restartKeepsPrices() async throws {
        let (store, directory) = try await Self.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = ScriptedProvider()
        provider.setPrices([1: Price("187.12")!])
        var state = PollState(seq: 0, staleAfter: 3)
        await poller(provider, store, RecordingSink()).poll(&state)

        let reopened = try SQLiteStorage(path: store.path)
        let sink = RecordingSink()
        provider.setFailing(true)
        var restarted = PollState(seq: 0, staleAfter: 3)
        await poller(provider, reopened, sink).poll(&restarted)
        #expect(sink.registered.first { $0.id == 1 }?.lastPrice == Price("187.12"))
        let first = try #require(sink.ticks.first)
        #expect(first.changes.map(\.securityID) == [1])
        #expect(first.changes.first?.price == Price("187.12"))
        #expect(first.changes.first?.quote?.marketState == .regular)
    }

    @Test("polls follow the interval, never overlap, and count seq up by one")
    func interval() async throws {
        let (store, directory) = try await Self.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = SlowCountingProvider(delay: .milliseconds(150))
        let sink = RecordingSink()
        let poller = poller(provider, store, sink, interval: .milliseconds(100))
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await poller.run() }
            while sink.ticks.count < 6 { try await Task.sleep(for: .milliseconds(20)) }
            group.cancelAll()
        }
        let elapsed = clock.now - start
        let ticks = sink.ticks
        #expect(ticks.map(\.seq) == Array(1...Int64(ticks.count)))
        #expect(provider.maxConcurrent == 1)
        // Six polls of 150 ms each that cannot overlap take at least 6 x 150 ms.
        #expect(elapsed >= .milliseconds(900))
        let starts = provider.starts
        for (earlier, later) in zip(starts, starts.dropFirst()) {
            #expect(later - earlier >= .milliseconds(100))
        }
    }
}

/// A provider that takes `delay` per call and records overlap and start times.
final class SlowCountingProvider: PriceProvider {
    let delay: Duration
    private let state = Mutex<(inFlight: Int, maxConcurrent: Int, starts: [ContinuousClock.Instant])>((0, 0, []))

    init(delay: Duration) { self.delay = delay }

    var maxConcurrent: Int { state.withLock { $0.maxConcurrent } }
    var starts: [ContinuousClock.Instant] { state.withLock { $0.starts } }

    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] {
        state.withLock { state in
            state.inFlight += 1
            state.maxConcurrent = max(state.maxConcurrent, state.inFlight)
            state.starts.append(ContinuousClock.now)
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        try await Task.sleep(for: delay)
        return [:]
    }
}
