import Foundation
import HummingbirdTesting
import StockApp
import StockClient
@testable import StockServer
import Testing

/// The real service, started in this process on a free port with a fresh SQLite database, prices ticking
/// every 200 ms from the simulated market.
enum LocalServer {
    /// Runs `body` with a client of a fresh server; `configure` changes the configuration first (limits).
    static func run(
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (StockClient) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServerConfiguration()
        configuration.databasePath = folder.appendingPathComponent("db.sqlite").path
        configuration.priceInterval = 0.2
        configuration.bcryptCost = 4
        configuration.logLevel = .critical
        configure(&configuration)
        let app = try await StockNode.sqliteApplication(configuration)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // A generous timeout: the whole suite runs in parallel and can keep the server busy for a while.
            try await body(StockClient(server: URL(string: "http://127.0.0.1:\(port)")!, timeout: .seconds(60)))
        }
    }

    /// A new account `name`, logged in: `anonymous` with its token.
    static func user(_ name: String, on anonymous: StockClient) async throws -> StockClient {
        try await anonymous.register(username: name, password: "correct horse 1")
        var client = anonymous
        client.token = try await anonymous.login(username: name, password: "correct horse 1").token
        return client
    }
}
