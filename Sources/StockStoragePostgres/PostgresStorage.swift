import Foundation
import Logging
import PostgresNIO
import StockStorage

/// The shared store: every node of a deployment reads and writes the same PostgreSQL database through a pooled
/// `PostgresClient`. It implements every storage protocol with the semantics of the SQLite store.
///
/// The client's `run()` must be running while the store is used: a server runs `client` as a `Service` in its
/// `ServiceGroup`; `withStorage(url:logger:_:)` runs it in a task group around its body (tools, tests).
public final class PostgresStorage: Sendable {
    /// The connection pool, exposed for tools (benchmarks, the data generator) that need raw access.
    public let client: PostgresClient
    /// The server and database.
    public let url: PostgresURL
    let logger: Logger

    /// Connections each node's pool opens at most; size PostgreSQL's `max_connections` for N nodes by it (each
    /// node also holds one connection for leadership and one for notifications).
    public static let poolSize = 20

    /// A store on `url`; nothing connects before the client runs.
    public init(url: PostgresURL, logger: Logger) {
        self.url = url
        self.logger = logger
        var configuration = url.clientConfiguration
        configuration.options.maximumConnections = Self.poolSize
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the connection pool, brings the schema up to date, then runs `body` with the store; the pool stops
    /// when `body` returns or throws.
    public static func withStorage<Result: Sendable>(
        url: PostgresURL, logger: Logger, _ body: @Sendable (PostgresStorage) async throws -> Result
    ) async throws -> Result {
        let storage = PostgresStorage(url: url, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await storage.client.run() }
            defer { group.cancelAll() }
            try await storage.migrate()
            return try await body(storage)
        }
    }

    /// Applies the schema migrations not yet recorded (idempotent, safe when nodes start at once), then runs
    /// `whileLocked` before another starting node may migrate; throws `PostgresOpenError` when the database cannot
    /// be reached or refuses the login.
    public func migrate(whileLocked: @Sendable () async throws -> Void = {}) async throws {
        do {
            try await PostgresSchema.migrate(url, logger: logger, whileLocked: whileLocked)
        } catch let error as PSQLError {
            throw PostgresOpenError(url: url, error: error)
        }
    }
}

extension Date {
    /// Milliseconds since 1970, the way times are stored.
    var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storedMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000)
    }
}

/// The database could not be opened: its server was not reached, or it refused the connection.
public struct PostgresOpenError: Error, CustomStringConvertible {
    public var url: String
    public var reason: String

    init(url: PostgresURL, error: PSQLError) {
        self.url = url.description
        if let message = error.serverInfo?[.message] {
            reason = message
        } else if let underlying = error.underlying {
            reason = "\(underlying)"
        } else {
            reason = "\(error.code)"
        }
    }

    public var description: String { "could not open the PostgreSQL database \(url): \(reason)" }
}
