import Foundation
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Testing

/// Logout on one node closes the token's socket on another; nothing logs a token, even at trace level.
@Suite("Logout across two nodes on PostgreSQL", .serialized)
struct ClusterLogoutTests {
    struct Login: Decodable {
        var token: String
    }

    @Test("logout through node A closes the socket on node B with 4401; the token then fails B's upgrade; no log holds it",
          .timeLimit(.minutes(2)))
    func logoutReachesEveryNode() async throws {
        try await withTestPostgresDatabase { database in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logout-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let nodes = try ["node-a", "node-b"].map { name in
                try ServerNode(
                    name: name, port: try freeLoopbackPort(), postgresURL: database.urlString, priceInterval: 1,
                    directory: directory, extraArguments: ["--log-level", "trace"])
            }
            defer { nodes.forEach { $0.stop() } }
            for node in nodes { try await node.waitUntilHealthy() }
            let (nodeA, nodeB) = (nodes[0], nodes[1])

            let credentials = #"{"username": "leaving_user", "password": "correct horse battery"}"#
            #expect(try await HTTP.send("POST", "\(nodeA.baseURL)/auth/register", json: credentials).status == 201)
            let token = try await HTTP.send("POST", "\(nodeA.baseURL)/auth/login", json: credentials).json(Login.self).token

            var logger = Logger(label: "test")
            logger.logLevel = .warning
            let (opened, openedOne) = AsyncStream<Void>.makeStream()
            // By query parameter, as browsers send it: the case that used to reach the debug log.
            let socket = Task {
                try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(nodeB.port)/ws/watchlist?token=\(token)", logger: logger
                ) { inbound, _, _ in
                    for try await _ in inbound.messages(maxSize: 1 << 16) { openedOne.yield() }
                }
            }
            for await _ in opened { break }
            #expect(try await HTTP.send("POST", "\(nodeA.baseURL)/auth/logout", token: token).status == 204)
            let close = try await socket.value
            #expect(close?.closeCode == .unknown(4401))

            let upgrade = [
                ("Connection", "Upgrade"), ("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13"),
                ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
            ]
            let refused = try await HTTP.send("GET", "\(nodeB.baseURL)/ws/watchlist?token=\(token)", headers: upgrade)
            #expect(refused.status == 401)
            #expect(try await HTTP.send("GET", "\(nodeB.baseURL)/user/security", token: token).status == 401)

            for node in nodes {
                #expect(node.log.contains("Request"), "\(node.name) logged no request at trace level")
                #expect(!node.log.contains(token), "\(node.name) logged the token")
            }
        }
    }
}
