import Foundation
import Logging
import StockMarket
import StockModel
import StockQuotes
import StockStorage
import Synchronization

/// A `ListingCatalog` of a SQLite store in a directory of its own, holding AAA, BBB and CCC (ids 1, 2 and 3), loaded
/// once; the directory goes with the last reference to it.
final class TestListing: Sendable {
    let store: any SecurityStore
    let catalog: ListingCatalog
    private let directory: URL

    init() async throws {
        let (store, directory) = try await PricePollerTests.makeStore()
        self.store = store
        self.directory = directory
        catalog = ListingCatalog(store: store, logger: Logger(label: "test"))
        try await catalog.refresh()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// An in-memory watchlist store: user id to security list.
final class MemoryWatchlists: WatchlistStore {
    private let lists = Mutex<[Int64: [Security]]>([:])

    func set(_ userID: Int64, _ securities: [Security]) {
        lists.withLock { $0[userID] = securities }
    }

    /// What the hub reads: the user's securities.
    func watchedSecurities(userID: Int64) async throws -> [Security] {
        lists.withLock { $0[userID] ?? [] }
    }

    func securities(userID: Int64, in list: WatchlistSelector) async throws -> [Security] {
        try await watchedSecurities(userID: userID)
    }

    // The hub never edits lists: the rest is not used in these tests.
    func watchlists(userID: Int64) async throws -> [WatchlistSummary] { [] }
    func createWatchlist(userID: Int64, name: String, maximumLists: Int, at time: Date) async throws
        -> WatchlistSummary { throw Self.unused }
    func renameWatchlist(userID: Int64, listID: Int64, to name: String) async throws -> WatchlistSummary {
        throw Self.unused
    }
    func deleteWatchlist(userID: Int64, listID: Int64) async throws { throw Self.unused }
    func add(securityID: Int64, userID: Int64, to list: WatchlistSelector, limits: WatchlistLimits, at time: Date)
        async throws -> WatchlistAddition { throw Self.unused }
    func remove(securityID: Int64, userID: Int64, from list: WatchlistSelector) async throws -> Bool { false }
    func reorder(userID: Int64, listID: Int64, securityIDs: [Int64]) async throws { throw Self.unused }

    private static let unused = StorageError.notFound("not used in these tests")
}

/// A socket as the hub sees it: records the closes the hub asks for, and lets a test wait for its messages.
final class TestSocket: PriceSocket {
    private struct State {
        var closes: [PriceSocketClose] = []
        var timesTold = 0
        var told = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    var recorded: [PriceSocketClose] { state.withLock { $0.closes } }
    /// How many times the hub said that messages wait.
    var timesTold: Int { state.withLock { $0.timesTold } }

    func messagesWaiting() {
        state.withLock { state in
            state.timesTold += 1
            state.told = true
            return state.waiter.take()
        }?.resume()
    }

    func close(_ close: PriceSocketClose) {
        state.withLock { state in
            state.closes.append(close)
            state.told = true
            return state.waiter.take()
        }?.resume()
    }

    /// The connection's next delivery, waiting until the hub says that one waits.
    func next(from hub: PriceHub, _ id: PriceSocketID) async -> PriceDelivery {
        while true {
            if let delivery = hub.nextMessage(for: id) { return delivery }
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let alreadyTold = state.withLock { state in
                    if state.told {
                        state.told = false
                        return true
                    }
                    state.waiter = waiter
                    return false
                }
                if alreadyTold { waiter.resume() }
            }
        }
    }
}

/// A hub connection as a test drives it: its id and its socket.
struct TestConnection {
    let hub: PriceHub
    let id: PriceSocketID
    let socket: TestSocket

    /// Connects `userID` to `hub` and loads the watchlist.
    static func open(_ hub: PriceHub, userID: Int64, socket: TestSocket = TestSocket()) async throws -> TestConnection {
        let id = hub.connect(userID: userID, socket: socket)
        try await hub.reloadWatchlist(userID: userID)
        return TestConnection(hub: hub, id: id, socket: socket)
    }

    /// The next delivery, as a socket that keeps up would take it.
    func next() async -> PriceDelivery {
        await socket.next(from: hub, id)
    }

    /// The message waiting now, if any, without waiting for one.
    func nextIfAny() -> PriceDelivery? {
        hub.nextMessage(for: id)
    }
}

/// Records the ticks a poller publishes.
final class RecordingSink: PriceTickSink {
    private let state = Mutex<(registered: [QuotedSecurity], ticks: [PriceTick])>(([], []))

    var ticks: [PriceTick] { state.withLock { $0.ticks } }
    var registered: [QuotedSecurity] { state.withLock { $0.registered } }

    func register(_ securities: [QuotedSecurity]) {
        state.withLock { $0.registered = securities }
    }

    func publish(_ tick: PriceTick) {
        state.withLock { $0.ticks.append(tick) }
    }
}

/// A provider answering from a script the test changes: fixed prices, or failure.
final class ScriptedProvider: PriceProvider {
    struct Failure: Error {}

    private let state = Mutex<(prices: [Int64: Price], failing: Bool, calls: Int)>(([:], false, 0))

    var calls: Int { state.withLock { $0.calls } }

    func setPrices(_ prices: [Int64: Price]) { state.withLock { $0.prices = prices } }
    func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] {
        let (prices, failing) = state.withLock { state in
            state.calls += 1
            return (state.prices, state.failing)
        }
        if failing { throw Failure() }
        return prices.mapValues { ProviderQuote(price: $0) }
    }
}

/// A security with just what the live-price code reads.
func security(_ id: Int64, _ ticker: String, _ price: String? = nil) -> Security {
    Security(id: id, ticker: ticker, name: ticker, exchange: "TEST", lastPrice: price.flatMap { Price($0) })
}

/// One entry of a message's `quotes`: which keys it holds, its values (those it does not hold `nil`), and the
/// percent it carries (a delta may carry it without the previous close it derives from).
struct QuoteEntry: Decodable, Equatable {
    var keys: Set<String>
    var quote: Quote
    var changePercent: Percent?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        keys = Set(container.allKeys.map(\.stringValue))
        quote = try Quote(from: decoder)
        changePercent = try container.decodeIfPresent(Percent.self, forKey: Key(stringValue: "change_percent"))
    }
}

/// A decoded live-price message.
struct DecodedMessage: Decodable, Equatable {
    var type: String
    var seq: Int64
    var at: String
    var prices: [String: Price]
    var quotes: [String: QuoteEntry]
    var stale: [String]?

    init(_ bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(DecodedMessage.self, from: Data(bytes))
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        seq = try container.decode(Int64.self, forKey: .seq)
        at = try container.decode(String.self, forKey: .at)
        prices = try container.decode([String: Price].self, forKey: .prices)
        quotes = try container.decode([String: QuoteEntry].self, forKey: .quotes)
        stale = try container.decodeIfPresent([String].self, forKey: .stale)
    }

    enum CodingKeys: String, CodingKey { case type, seq, at, prices, quotes, stale }
}

extension PriceDelivery {
    /// The decoded message, or `nil` for a close.
    var decoded: DecodedMessage? {
        guard case .message(let bytes) = self else { return nil }
        return try? DecodedMessage(bytes.bytes)
    }
}
