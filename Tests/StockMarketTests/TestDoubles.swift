import Foundation
import StockMarket
import StockStorage
import Synchronization

/// An in-memory watchlist store: user id to security list.
final class MemoryWatchlists: WatchlistStore {
    private let lists = Mutex<[Int64: [Security]]>([:])

    func set(_ userID: Int64, _ securities: [Security]) {
        lists.withLock { $0[userID] = securities }
    }

    func watchlist(userID: Int64) async throws -> [Security] {
        lists.withLock { $0[userID] ?? [] }
    }

    func addToWatchlist(userID: Int64, securityID: Int64, limit: Int, at time: Date) async throws
        -> WatchlistAddition
    {
        throw StorageError.notFound("not used in these tests")
    }

    func removeFromWatchlist(userID: Int64, securityID: Int64) async throws -> Bool { false }
}

/// Records the closes the hub asks for.
final class RecordingCloser: PriceConnectionCloser {
    private let closes = Mutex<[PriceConnectionClose]>([])

    var recorded: [PriceConnectionClose] { closes.withLock { $0 } }

    func close(_ close: PriceConnectionClose) {
        closes.withLock { $0.append(close) }
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

    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: Price] {
        let (prices, failing) = state.withLock { state in
            state.calls += 1
            return (state.prices, state.failing)
        }
        if failing { throw Failure() }
        return prices
    }
}

/// A security with just what the live-price code reads.
func security(_ id: Int64, _ ticker: String, _ price: String? = nil) -> Security {
    Security(id: id, ticker: ticker, name: ticker, exchange: "TEST", lastPrice: price.flatMap { Price($0) })
}

/// A decoded live-price message.
struct DecodedMessage: Decodable, Equatable {
    var type: String
    var seq: Int64
    var at: String
    var prices: [String: Price]
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
        stale = try container.decodeIfPresent([String].self, forKey: .stale)
    }

    enum CodingKeys: String, CodingKey { case type, seq, at, prices, stale }
}

extension PriceDelivery {
    /// The decoded message, or `nil` for a close.
    var decoded: DecodedMessage? {
        guard case .message(let bytes) = self else { return nil }
        return try? DecodedMessage(bytes)
    }
}
