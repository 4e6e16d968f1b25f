import Foundation
import HummingbirdWSClient
import Logging
import StockStoragePostgres
import Testing

/// Two `stocktracker serve` processes sharing one PostgreSQL database, as behind a load balancer.
@Suite("Two nodes on PostgreSQL", .serialized)
struct TwoNodeClusterTests {
    /// A live-price message as a client decodes it.
    struct LiveMessage: Decodable {
        var type: String
        var seq: Int64
        var prices: [String: Decimal]

        /// `lists_changed` carries neither seq nor prices.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            seq = try container.decodeIfPresent(Int64.self, forKey: .seq) ?? 0
            prices = try container.decodeIfPresent([String: Decimal].self, forKey: .prices) ?? [:]
        }

        enum CodingKeys: String, CodingKey { case type, seq, prices }
    }

    struct SecurityResult: Decodable {
        var id: Int64
        var ticker: String
    }

    struct Login: Decodable {
        var token: String
    }

    @Test(
        "one poller leads, ticks reach the other node's sockets, leadership moves on SIGKILL with seq continuing, watchlist changes and listing imports reach the other node",
        .timeLimit(.minutes(2)))
    func failover() async throws {
        try await withTestPostgresDatabase { database in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let (nodeA, nodeB) = try await ServerNode.leaderAndFollower(
                ("node-a", "node-b"), postgresURL: database.urlString, directory: directory)
            defer { nodeA.kill() }
            defer { nodeB.stop() }

            // A user registered and watching AAPL through node A.
            let token = try await HTTP.registeredToken("cluster_user", on: nodeA.baseURL)
            let apple = try await security("AAPL", on: nodeA)
            let microsoft = try await security("MSFT", on: nodeA)
            #expect(try await HTTP.send(
                "POST", "\(nodeA.baseURL)/user/security", token: token, json: #"{"id": \#(apple)}"#).status == 201)

            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders[.authorization] = "Bearer \(token)"
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            let outcome = Outcome()
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(nodeB.port)/ws/watchlist", configuration: configuration, logger: logger
            ) { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                func next() async throws -> LiveMessage {
                    guard case .text(let text) = try await messages.next() else { throw NodeError("socket ended") }
                    return try JSONDecoder().decode(LiveMessage.self, from: Data(text.utf8))
                }
                let snapshot = try await next()
                #expect(snapshot.type == "snapshot")
                #expect(Array(snapshot.prices.keys) == ["AAPL"])

                // Ticks polled by node A arrive on node B's socket.
                var seqs: [Int64] = []
                while seqs.count < 4 {
                    let message = try await next()
                    if message.type == "prices" { seqs.append(message.seq) }
                }
                #expect(!nodeB.log.contains("this node leads"))

                // A watchlist change through node A reaches the socket on node B.
                #expect(try await HTTP.send(
                    "POST", "\(nodeA.baseURL)/user/security", token: token, json: #"{"id": \#(microsoft)}"#).status == 201)
                var listsChanged = false
                while true {
                    let message = try await next()
                    if message.type == "prices" { seqs.append(message.seq) }
                    if message.type == "lists_changed" { listsChanged = true }
                    if message.type == "snapshot", message.prices["MSFT"] != nil { break }
                }
                #expect(listsChanged, "node B's socket got no lists_changed before the snapshot of the added security")

                // Node A dies; node B takes over within 10 s and the ticks go on.
                nodeA.kill()
                let killed = ContinuousClock.now
                let tookOver = try await nodeB.waitForLog("this node leads", timeout: .seconds(10))
                outcome.takeover = tookOver - killed
                var afterKill: [Int64] = []
                while afterKill.count < 4 {
                    let message = try await next()
                    if message.type == "prices" { afterKill.append(message.seq) }
                }
                outcome.firstTickAfterKill = ContinuousClock.now - killed
                outcome.seqs = seqs + afterKill
                outcome.seqAtKill = seqs.last ?? 0
            }
            #expect(outcome.takeover.map { $0 < .seconds(10) } == true, "takeover took \(String(describing: outcome.takeover))")
            #expect(outcome.firstTickAfterKill.map { $0 < .seconds(12) } == true)
            let gaps = zip(outcome.seqs, outcome.seqs.dropFirst()).map { $1 - $0 }
            #expect(gaps.allSatisfy { $0 == 1 }, "seq \(outcome.seqs) has gaps around the failover at \(outcome.seqAtKill)")

            // A listing imported with the CLI reaches node B's search index without a restart.
            let listing = directory.appendingPathComponent("extra.csv")
            try "symbol,name\nZZCLSTR,Zeta Cluster Test Holdings\n".write(to: listing, atomically: true, encoding: .utf8)
            let importer = Process()
            importer.executableURL = ServerNode.binary
            importer.arguments = ["import", listing.path, "--postgres", database.urlString]
            importer.standardOutput = FileHandle.nullDevice
            try importer.run()
            importer.waitUntilExit()
            #expect(importer.terminationStatus == 0)
            let deadline = ContinuousClock.now + .seconds(10)
            var found = false
            while !found, ContinuousClock.now < deadline {
                found = (try? await security("ZZCLSTR", on: nodeB)) != nil
                if !found { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(found, "node B's search never found the imported ZZCLSTR")
        }
    }

    /// The id of the security `ticker` as node's search finds it first.
    private func security(_ ticker: String, on node: ServerNode) async throws -> Int64 {
        let results = try await HTTP.send("GET", "\(node.baseURL)/security?q=\(ticker)&limit=1")
            .json([SecurityResult].self)
        guard let first = results.first, first.ticker == ticker else { throw NodeError("\(ticker) not found") }
        return first.id
    }

    /// What the socket handler measured, for the checks after it.
    final class Outcome: @unchecked Sendable {
        var seqs: [Int64] = []
        var seqAtKill: Int64 = 0
        var takeover: Duration?
        var firstTickAfterKill: Duration?
    }
}
