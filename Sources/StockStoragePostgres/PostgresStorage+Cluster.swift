import Foundation
import PostgresNIO
import StockModel
import StockStorage

/// A notification between the nodes of a deployment, sent with PostgreSQL's `NOTIFY` on one channel.
public enum ClusterNotification: Sendable, Equatable {
    /// The tick with this seq is recorded: read it (and any missed before it) from `price_tick`.
    case priceTick(seq: Int64)
    /// The user's watchlist changed.
    case watchlistChanged(userID: Int64)
    /// The login token with this SHA-256 hash was revoked: its sockets close on every node.
    case tokenRevoked(hash: Data)
    /// An alert was created: the polling node's book takes it.
    case alertCreated(id: Int64)
    /// An alert was deleted: the polling node's book drops it.
    case alertDeleted(id: Int64)
    /// The alert fired at the tick `seq` and is recorded: every node pushes it to its user's sockets.
    case alertFired(id: Int64, seq: Int64)

    /// The channel every node listens on.
    public static let channel = "stocktracker_cluster"

    /// The payload: `tick:SEQ`, `watchlist:USER`, `token:HASH` (64 hex digits: the hash, never the token),
    /// `alert_created:ID`, `alert_deleted:ID` or `alert_fired:ID:SEQ`, far below `NOTIFY`'s 8,000-byte limit.
    public var payload: String {
        switch self {
        case .priceTick(let seq): "tick:\(seq)"
        case .watchlistChanged(let userID): "watchlist:\(userID)"
        case .tokenRevoked(let hash): "token:" + hash.map { String(format: "%02x", $0) }.joined()
        case .alertCreated(let id): "alert_created:\(id)"
        case .alertDeleted(let id): "alert_deleted:\(id)"
        case .alertFired(let id, let seq): "alert_fired:\(id):\(seq)"
        }
    }

    /// Reads a payload; `nil` for anything else.
    public init?(payload: String) {
        let parts = payload.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        switch (parts[0], Int64(parts[1])) {
        case ("tick", let seq?): self = .priceTick(seq: seq)
        case ("watchlist", let userID?): self = .watchlistChanged(userID: userID)
        case ("alert_created", let id?): self = .alertCreated(id: id)
        case ("alert_deleted", let id?): self = .alertDeleted(id: id)
        case ("alert_fired", _):
            let numbers = parts[1].split(separator: ":").compactMap { Int64($0) }
            guard numbers.count == 2 else { return nil }
            self = .alertFired(id: numbers[0], seq: numbers[1])
        case ("token", _):
            guard let hash = Self.bytes(hex: parts[1]), hash.count == 32 else { return nil }
            self = .tokenRevoked(hash: hash)
        default: return nil
        }
    }

    private static func bytes(hex: Substring) -> Data? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes = Data(capacity: digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        return bytes
    }
}

extension PostgresStorage {
    /// How many recorded ticks are kept for nodes that missed a notification.
    static let keptPriceTicks: Int64 = 200

    /// The seq of the last recorded tick (0 before the first), where a new leader continues.
    public func lastPriceTickSeq() async throws -> Int64 {
        let rows = try await client.query("SELECT COALESCE(max(seq), 0) FROM price_tick", logger: logger)
        for try await seq in rows.decode(Int64.self) { return seq }
        return 0
    }

    /// Records a tick and notifies every node in the same statement (the notification leaves at commit), then
    /// drops ticks too old to matter. Throws `StorageError.conflict` when the seq is recorded already. The quotes
    /// are recorded when every change carries one (as the poller's do); otherwise only the prices.
    public func recordPriceTick(_ tick: PriceTick) async throws {
        let ids = tick.changes.map(\.securityID)
        let prices = tick.changes.map(\.price.tenThousandths)
        let figures = tick.changes.compactMap(\.quote)
        let quotes = figures.count == tick.changes.count ? QuoteColumns(figures) : nil
        let payload = ClusterNotification.priceTick(seq: tick.seq).payload
        do {
            try await client.run(
                """
                WITH recorded AS (
                    INSERT INTO price_tick (
                        seq, at_ms, security_ids, prices_e4, became_stale, became_fresh, previous_closes_e4,
                        day_highs_e4, day_lows_e4, day_volumes, market_states, quote_times_ms)
                    VALUES (\(tick.seq), \(tick.at.storedMilliseconds), \(ids)::BIGINT[], \(prices)::BIGINT[],
                            \(tick.becameStale)::BIGINT[], \(tick.becameFresh)::BIGINT[],
                            \(quotes?.previousCloses)::BIGINT[], \(quotes?.dayHighs)::BIGINT[],
                            \(quotes?.dayLows)::BIGINT[], \(quotes?.volumes)::BIGINT[],
                            \(quotes?.marketStates)::TEXT[], \(quotes?.asOfs)::BIGINT[])
                    RETURNING seq
                )
                SELECT pg_notify(\(ClusterNotification.channel), \(payload)) FROM recorded
                """, logger: logger)
        } catch where error.isUniqueViolation {
            throw StorageError.conflict("the price tick \(tick.seq) is recorded already")
        }
        try await client.run("DELETE FROM price_tick WHERE seq <= \(tick.seq - Self.keptPriceTicks)", logger: logger)
    }

    /// The recorded ticks after `seq`, oldest first.
    public func priceTicks(after seq: Int64) async throws -> [PriceTick] {
        let rows = try await client.query(
            """
            SELECT seq, at_ms, security_ids, prices_e4, became_stale, became_fresh, previous_closes_e4,
                   day_highs_e4, day_lows_e4, day_volumes, market_states, quote_times_ms
            FROM price_tick WHERE seq > \(seq) ORDER BY seq
            """, logger: logger)
        var ticks: [PriceTick] = []
        for try await row in rows.decode(
            (Int64, Int64, [Int64], [Int64], [Int64], [Int64], [Int64]?, [Int64]?, [Int64]?, [Int64]?, [String]?,
             [Int64]?).self)
        {
            let (seq, at, ids, prices, stale, fresh) = (row.0, row.1, row.2, row.3, row.4, row.5)
            let quotes = QuoteColumns(count: ids.count, row.6, row.7, row.8, row.9, row.10, row.11)
            let changes = zip(ids, prices).enumerated().map { index, change in
                PriceUpdate(
                    securityID: change.0, price: Price(tenThousandths: change.1),
                    quote: quotes?.figures(at: index))
            }
            ticks.append(PriceTick(
                seq: seq, at: Date(storedMilliseconds: at), changes: changes, becameStale: stale, becameFresh: fresh))
        }
        return ticks
    }

    /// Tells every node (this one included) through `NOTIFY`.
    public func notify(_ notification: ClusterNotification) async throws {
        try await notify([notification])
    }

    /// Sends several notifications in one statement (one transaction: they arrive together, in order).
    public func notify(_ notifications: [ClusterNotification]) async throws {
        guard !notifications.isEmpty else { return }
        try await client.run(
            """
            SELECT pg_notify(\(ClusterNotification.channel), payload)
            FROM unnest(\(notifications.map(\.payload))::TEXT[]) WITH ORDINALITY AS n(payload, position)
            ORDER BY position
            """, logger: logger)
    }
}
