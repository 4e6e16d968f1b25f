import Foundation
import Logging
import PostgresNIO
import StockStoragePostgres
import Testing

/// An empty database of its own on the server `STOCKTRACKER_TEST_POSTGRES_URL` names, dropped afterwards.
/// Without that variable the test is skipped (cancelled) with the reason.
func withTestPostgresDatabase(_ body: (PostgresURL) async throws -> Void) async throws {
    guard let server = ProcessInfo.processInfo.environment["STOCKTRACKER_TEST_POSTGRES_URL"], !server.isEmpty else {
        try Test.cancel("no PostgreSQL: set STOCKTRACKER_TEST_POSTGRES_URL (as .ci/run does) to run this test")
    }
    let serverURL = try PostgresURL(server)
    let name = "stocktracker_cluster_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    // A database name cannot be a bound parameter; this one is made of hex digits and underscores only.
    try await run("CREATE DATABASE \(name)", on: serverURL)
    do {
        try await body(serverURL.with(database: name))
    } catch {
        try? await run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: serverURL)
        throw error
    }
    try await run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: serverURL)
}

private func run(_ sql: String, on server: PostgresURL) async throws {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    let connection = try await PostgresConnection.connect(
        configuration: server.connectionConfiguration, id: 1, logger: logger)
    do {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    } catch {
        try? await connection.close()
        throw error
    }
    try await connection.close()
}
