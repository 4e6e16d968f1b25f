import Foundation
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

/// Price alerts on two nodes sharing PostgreSQL: the leader evaluates and records each alert once, and each of
/// the user's sockets, whichever node holds it, gets it once.
@Suite("Price alerts across two nodes on PostgreSQL", .serialized)
struct ClusterAlertsTests {
    struct SecurityResult: Decodable { var id: Int64; var ticker: String }
    struct StoredAlert: Decodable { var id: Int64; var triggered_at: String? }

    @Test("alerts created through either node fire once, reaching the user's socket on each node exactly once",
          .timeLimit(.minutes(2)))
    func exactlyOnce() async throws {
        try await withTestPostgresDatabase { database in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let nodes = try ["node-a", "node-b"].map { name in
                try ServerNode(
                    name: name, port: try freeLoopbackPort(), postgresURL: database.urlString, priceInterval: 1,
                    directory: directory)
            }
            defer { nodes.forEach { $0.stop() } }
            for node in nodes { try await node.waitUntilHealthy() }
            let token = try await HTTP.registeredToken("alerting_user", on: nodes[0].baseURL)
            let results = try await HTTP.send("GET", "\(nodes[0].baseURL)/security?q=AAPL&limit=1")
                .json([SecurityResult].self)
            let apple = try #require(results.first).id

            let logger = { var logger = Logger(label: "test"); logger.logLevel = .warning; return logger }()
            let received = ReceivedAlerts()
            let (opened, openedOne) = AsyncStream<Void>.makeStream()
            let sockets = nodes.map { node in
                let name = node.name
                let port = node.port
                return Task {
                    try await WebSocketClient.connect(
                        url: "ws://127.0.0.1:\(port)/ws/watchlist?token=\(token)", logger: logger
                    ) { inbound, _, _ in
                        var first = true
                        for try await message in inbound.messages(maxSize: 1 << 16) {
                            if first { openedOne.yield() }
                            first = false
                            guard case .text(let text) = message,
                                  let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                                  object["type"] as? String == "alert",
                                  let alert = object["alert"] as? [String: Any],
                                  let id = (alert["id"] as? NSNumber)?.int64Value
                            else { continue }
                            received.add(id, on: name)
                        }
                    }
                }
            }
            defer { sockets.forEach { $0.cancel() } }
            var count = 0
            for await _ in opened {
                count += 1
                if count == 2 { break }
            }
            // Any positive price is above 0.0001: each alert holds at once and fires on the next tick.
            var ids: [Int64] = []
            for node in nodes {
                let created = try await HTTP.send(
                    "POST", "\(node.baseURL)/user/alerts", token: token,
                    json: #"{"security_id": \#(apple), "condition": "price_above", "value": 0.0001}"#)
                #expect(created.status == 201)
                ids.append(try created.json(StoredAlert.self).id)
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while received.byNode.values.reduce(0, { $0 + $1.count }) < 4, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            // A few more ticks: nothing fires again.
            try await Task.sleep(for: .seconds(3))
            let byNode = received.byNode
            for node in nodes {
                #expect(byNode[node.name]?.sorted() == ids.sorted(), "\(node.name) got \(byNode[node.name] ?? [])")
            }
            let stored = try await HTTP.send("GET", "\(nodes[1].baseURL)/user/alerts", token: token)
                .json([StoredAlert].self)
            #expect(stored.map(\.id) == ids.sorted())
            #expect(stored.allSatisfy { $0.triggered_at != nil })
        }
    }
}

/// The alert ids each node's socket received, in order.
final class ReceivedAlerts: Sendable {
    private let state = Mutex<[String: [Int64]]>([:])

    var byNode: [String: [Int64]] { state.withLock { $0 } }

    func add(_ id: Int64, on node: String) { state.withLock { $0[node, default: []].append(id) } }
}
