import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` between `BEGIN` and `COMMIT`, rolling back when it throws. Unlike postgres-nio's
    /// `withTransaction`, the error `body` threw comes out unwrapped, so callers can match `StorageError`s and
    /// SQL states.
    func inTransaction<Result: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await query("BEGIN", logger: logger)
        let result: Result
        do {
            result = try await body(self)
        } catch {
            _ = try? await query("ROLLBACK", logger: logger)
            throw error
        }
        try await query("COMMIT", logger: logger)
        return result
    }
}

extension Error {
    /// Whether this is PostgreSQL's `unique_violation` (SQL state 23505).
    var isUniqueViolation: Bool {
        (self as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}
