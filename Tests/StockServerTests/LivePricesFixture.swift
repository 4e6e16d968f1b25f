import Foundation
import HummingbirdWSClient
import Logging
import StockAccounts
import StockListing
import StockMarket
import StockApp
import StockServer
import StockModel
import StockQuotes
import StockStorage
import Synchronization

/// A server set-up for live-price tests: a temporary SQLite database holding AAA, BBB, CCC, DDD, a scripted
/// provider and a short poll interval.
struct LivePricesFixture {
    let directory: URL
    let stores: Stores
    let provider: SteppingProvider
    let livePrices: LivePrices
    let ids: [String: Int64]

    init(directory: URL? = nil, provider: SteppingProvider = SteppingProvider(), interval: Duration = .milliseconds(100))
        async throws
    {
        let directory = directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        stores = try Stores.sqlite(path: directory.appendingPathComponent("db.sqlite").path)
        _ = try await stores.securities.upsert(["AAA", "BBB", "CCC", "DDD"].map { ListingRecord(symbol: $0, name: $0) })
        ids = Dictionary(uniqueKeysWithValues: try await stores.securities.allSecurities().map { ($0.ticker, $0.id) })
        self.provider = provider
        livePrices = LivePrices(
            provider: provider, stores: stores, interval: interval, configuration: LivePricesConfiguration(),
            logger: Logger(label: "test"))
    }

    func removeFiles() { try? FileManager.default.removeItem(at: directory) }

    /// A new user with a valid token, watching `tickers`.
    func user(_ name: String, watching tickers: [String]) async throws -> (id: Int64, token: String) {
        let user = try await stores.accounts.createUser(username: name, passwordHash: "-", at: Date())
        let token = AuthTokens.generate()
        try await stores.accounts.insertToken(
            hash: AuthTokens.hash(token), userID: user.id, createdAt: Date(), expiresAt: Date() + 3600)
        for ticker in tickers { try await watch(ticker, user: user.id) }
        return (user.id, token)
    }

    func watch(_ ticker: String, user: Int64) async throws {
        _ = try await stores.watchlists.addToWatchlist(userID: user, securityID: ids[ticker]!, limit: 100, at: Date())
    }
}

/// A provider whose "moving" tickers gain 0.01 on every poll while the others keep their price; it can be made
/// to fail.
final class SteppingProvider: PriceProvider {
    struct Failure: Error {}

    private let state: Mutex<(moving: Set<String>, failing: Bool, step: Int64)>
    let base: Price

    init(moving: Set<String> = ["AAA", "CCC"], base: Price = Price("100")!) {
        state = Mutex((moving, false, 0))
        self.base = base
    }

    func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

    func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] {
        let (moving, failing, step) = state.withLock { state in
            state.step += 1
            return (state.moving, state.failing, state.step)
        }
        if failing { throw Failure() }
        var quotes = [Int64: ProviderQuote]()
        for security in securities {
            let isMoving = moving.contains(security.ticker)
            quotes[security.id] = ProviderQuote(
                price: Price(tenThousandths: base.tenThousandths + (isMoving ? step * 100 : 0)),
                tradedVolume: isMoving ? 10 : nil)
        }
        return quotes
    }
}

/// A live-price message as a client decodes it, with its text.
struct LiveMessage: Decodable {
    var type: String
    var seq: Int64
    var at: String
    var prices: [String: Price]
    /// Each quote entry's keys (its fields), by ticker.
    var quoteKeys: [String: Set<String>] = [:]
    var quotes: [String: Quote]
    var stale: [String]?
    var text = ""

    enum CodingKeys: String, CodingKey { case type, seq, at, prices, quotes, stale }

    /// `lists_changed` carries neither seq nor prices nor quotes.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        seq = try container.decodeIfPresent(Int64.self, forKey: .seq) ?? 0
        at = try container.decode(String.self, forKey: .at)
        prices = try container.decodeIfPresent([String: Price].self, forKey: .prices) ?? [:]
        quotes = try container.decodeIfPresent([String: Quote].self, forKey: .quotes) ?? [:]
        stale = try container.decodeIfPresent([String].self, forKey: .stale)
    }

    init(_ message: WebSocketMessage) throws {
        guard case .text(let text) = message else { throw NotText() }
        self = try JSONDecoder().decode(LiveMessage.self, from: Data(text.utf8))
        self.text = text
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let entries = object?["quotes"] as? [String: [String: Any]] ?? [:]
        quoteKeys = entries.mapValues { Set($0.keys) }
    }

    struct NotText: Error {}
}

/// A value a WebSocket handler hands back to its test.
final class Captured<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    var value: Value? { storage.withLock { $0 } }

    func set(_ value: Value) { storage.withLock { $0 = value } }
}
