import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` between `BEGIN` and `COMMIT`, rolling back when it throws. Unlike postgres-nio's
    /// `withTransaction`, the error `body` threw comes out unwrapped, so callers can match `StorageError`s and
    /// SQL states.
    func inTransaction<Result: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await run("BEGIN", logger: logger)
        let result: Result
        do {
            result = try await body(self)
        } catch {
            _ = try? await run("ROLLBACK", logger: logger)
            throw error
        }
        try await run("COMMIT", logger: logger)
        return result
    }
}

extension PostgresConnection {
    /// Runs a statement and reads its result to the end. A statement that returns rows (`SELECT pg_notify(...)`,
    /// `WITH ... INSERT ... SELECT`) can fail after its row description, and that error only comes out of the
    /// rows: discarding them would drop it.
    package func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}

extension PostgresClient {
    /// Runs a statement on a pooled connection and reads its result to the end, so that no error is dropped
    /// (see `PostgresConnection.run`).
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}

extension Error {
    /// Whether this is PostgreSQL's `unique_violation` (SQL state 23505).
    var isUniqueViolation: Bool {
        (self as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}
