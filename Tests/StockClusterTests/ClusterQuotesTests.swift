import Foundation
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

/// Quotes across two `stocktracker serve` processes sharing one PostgreSQL database.
@Suite("Quotes on two nodes", .serialized)
struct ClusterQuotesTests {
    struct SecurityResult: Decodable { var id: Int64; var ticker: String }

    /// Each message's seq and its AAPL quote entry, re-encoded with sorted keys so that two nodes' compare.
    static func quoteEntries(_ inbound: WebSocketInboundStream, count: Int) async throws -> [Entries.Entry] {
        var entries: [Entries.Entry] = []
        for try await message in inbound.messages(maxSize: 1 << 16) {
            guard case .text(let text) = message,
                  let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let type = object["type"] as? String, let seq = (object["seq"] as? NSNumber)?.int64Value
            else { continue }
            let entry = (object["quotes"] as? [String: Any])?["AAPL"]
            let sorted = try entry.map { try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys) }
            let quote = sorted.map { String(decoding: $0, as: UTF8.self) } ?? ""
            entries.append((type, seq, quote))
            if entries.count == count { break }
        }
        return entries
    }

    @Test("the follower's sockets get the leader's quotes, tick for tick; both nodes answer the same quote fields",
          .timeLimit(.minutes(2)))
    func sameQuotes() async throws {
        try await withTestPostgresDatabase { database in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quotes-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let (leader, follower) = try await ServerNode.leaderAndFollower(
                ("leader", "follower"), postgresURL: database.urlString, directory: directory)
            defer { leader.stop() }
            defer { follower.stop() }
            let token = try await HTTP.registeredToken("quotes_user", on: leader.baseURL)
            let apple = try #require(try await HTTP.send("GET", "\(leader.baseURL)/security?q=AAPL&limit=1")
                .json([SecurityResult].self).first)
            #expect(try await HTTP.send(
                "POST", "\(leader.baseURL)/user/security", token: token, json: #"{"id": \#(apple.id)}"#).status == 201)

            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders[.authorization] = "Bearer \(token)"
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            let leaderBox = Entries()
            let followerBox = Entries()
            async let onLeader = WebSocketClient.connect(
                url: "ws://127.0.0.1:\(leader.port)/ws/watchlist", configuration: configuration, logger: logger
            ) { inbound, _, _ in leaderBox.set(try await Self.quoteEntries(inbound, count: 8)) }
            async let onFollower = WebSocketClient.connect(
                url: "ws://127.0.0.1:\(follower.port)/ws/watchlist", configuration: configuration, logger: logger
            ) { inbound, _, _ in followerBox.set(try await Self.quoteEntries(inbound, count: 8)) }
            _ = try await (onLeader, onFollower)
            let (leaderEntries, followerEntries) = (leaderBox.value, followerBox.value)
            // Only ticks that each socket got alone compare: a socket behind by a tick gets one conflated delta
            // with the fields changed in both (SPEC), which the other node's socket may not have needed.
            func unconflated(_ entries: [Entries.Entry]) -> [Entries.Entry] {
                zip(entries, entries.dropFirst()).filter { $1.type == "prices" && $1.seq == $0.seq + 1 }.map { $1 }
            }
            let leaderTicks = Dictionary(
                unconflated(leaderEntries).map { ($0.seq, $0.quote) }, uniquingKeysWith: { $1 })
            let common = unconflated(followerEntries).filter { leaderTicks[$0.seq] != nil }
            #expect(common.count >= 3, "too few ticks seen on both nodes")
            for tick in common {
                #expect(tick.quote == leaderTicks[tick.seq], "seq \(tick.seq)")
                #expect(tick.quote.contains(#""price""#))
            }
            // The follower's snapshot is a whole quote from the bundled listing's reference data.
            let snapshot = try #require(followerEntries.first)
            #expect(snapshot.type == "snapshot")
            for key in ["previous_close", "change_percent", "day_high", "volume", "as_of"] {
                #expect(snapshot.quote.contains("\"\(key)\""))
            }
            #expect(snapshot.quote.contains(#""market_state":"regular""#))
            #expect(snapshot.quote.contains(#""currency":"USD""#))

            for node in [leader, follower] {
                let response = try await HTTP.send("GET", "\(node.baseURL)/security/\(apple.id)")
                #expect(response.status == 200)
                #expect(String(decoding: response.body, as: UTF8.self).contains(#""market_state":"regular""#))
            }
        }
    }
}

/// The entries a socket handler read, for the checks after it.
final class Entries: Sendable {
    /// A message's type and seq, and its AAPL quote entry with sorted keys ("" without one).
    typealias Entry = (type: String, seq: Int64, quote: String)
    private let storage = Mutex<[Entry]>([])
    var value: [Entry] { storage.withLock { $0 } }
    func set(_ value: [Entry]) { storage.withLock { $0 = value } }
}
