import Logging
import PostgresNIO
import ServiceLifecycle
import StockStoragePostgres

/// A PostgreSQL connection of a cluster service's own (outside the pool), kept open for as long as the service
/// runs: whenever the session on it ends or fails, the connection is closed and a new one opened `retryInterval`
/// later. The leadership campaign and the notification listener both hold one.
struct DedicatedConnection: Sendable {
    let url: PostgresURL
    let retryInterval: Duration
    /// What the connection is for, as the warnings name it ("leadership", "notifications").
    let purpose: String
    let logger: Logger

    /// Runs `session` on a fresh connection, again and again, until the service stops (cancellation or graceful
    /// shutdown). Closing the connection ends what the session held on it (an advisory lock, a `LISTEN`).
    func run(_ session: @escaping @Sendable (PostgresConnection) async throws -> Void) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(
                        configuration: url.connectionConfiguration, id: 0, logger: logger)
                    do {
                        try await session(connection)
                    } catch {
                        // A cancellation is the service stopping, not a failure.
                        if !Task.isCancelled {
                            logger.warning("\(purpose) connection failed", metadata: ["error": "\(error)"])
                        }
                    }
                    _ = try? await connection.close()
                } catch {
                    // A cancellation is the service stopping, not a failure.
                    if !Task.isCancelled {
                        logger.warning("cannot reach PostgreSQL for \(purpose)", metadata: ["error": "\(error)"])
                    }
                }
                try? await Task.sleep(for: retryInterval)
            }
        }
    }
}
