import Logging
import PostgresNIO
import ServiceLifecycle
import StockStoragePostgres

/// A PostgreSQL connection of a cluster service's own (outside the pool), kept open for as long as the service
/// runs: whenever the session on it ends or fails, the connection is closed and a new one opened `retryInterval`
/// later. The leadership campaign and the notification listener both hold one.
///
/// A heartbeat runs beside every session: `SELECT 1` every `keepaliveInterval`, which must be answered within
/// `keepaliveTimeout`, so that a half-open connection (a server gone without a word) is noticed, closed and
/// replaced instead of silently stopping what waits on it. Stopping the service closes the connection too, so
/// nothing waiting on it can hold up the shutdown, whatever state the server is in.
struct DedicatedConnection: Sendable {
    /// Time between two heartbeats on an idle or busy session.
    static let keepaliveInterval: Duration = .seconds(2)
    /// The longest a heartbeat may wait for its answer before the connection counts as dead.
    static let keepaliveTimeout: Duration = .seconds(5)

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
                    var configuration = try url.connectionConfiguration
                    configuration.options.connectTimeout = .seconds(Self.keepaliveTimeout.components.seconds)
                    let connection = try await PostgresConnection.connect(
                        configuration: configuration, id: 0, logger: logger)
                    do {
                        try await hold(connection, session)
                    } catch {
                        // A cancellation is the service stopping, not a failure.
                        if !Task.isCancelled {
                            logger.warning("\(purpose) connection failed", metadata: ["error": "\(error)"])
                        }
                    }
                    // Awaited (the connection must be closed before it goes), but bounded like every wait here.
                    _ = try? await boundedWait(timeout: Self.keepaliveTimeout) { try await connection.close() }
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

    /// Runs `session` beside the heartbeat; whichever ends first ends both. The connection is closed as soon as
    /// either ends or the task is cancelled, which fails whatever still waits on it (queries do not answer
    /// cancellation themselves). A session still running `keepaliveTimeout` after it was cancelled is left to end
    /// on its own (`boundedWait`): a query on a connection that closed under it may never answer.
    private func hold(
        _ connection: PostgresConnection, _ session: @escaping @Sendable (PostgresConnection) async throws -> Void
    ) async throws {
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await boundedWait(graceAfterCancellation: Self.keepaliveTimeout) { try await session(connection) }
                }
                group.addTask { try await heartbeat(connection) }
                defer {
                    connection.close().whenComplete { _ in }
                    group.cancelAll()
                }
                try await group.next()
            }
        } onCancel: {
            connection.close().whenComplete { _ in }
        }
    }

    /// Pings the connection until a ping fails or goes unanswered for `keepaliveTimeout`, then throws.
    private func heartbeat(_ connection: PostgresConnection) async throws {
        while true {
            try await Task.sleep(for: Self.keepaliveInterval)
            do {
                try await boundedWait(timeout: Self.keepaliveTimeout) {
                    try await connection.run("SELECT 1", logger: logger)
                }
            } catch is OperationTimedOut {
                throw HalfOpenConnection(timeout: Self.keepaliveTimeout)
            }
        }
    }
}

/// A connection whose heartbeat went unanswered.
struct HalfOpenConnection: Error, CustomStringConvertible {
    var timeout: Duration
    var description: String { "PostgreSQL did not answer a heartbeat within \(timeout)" }
}
