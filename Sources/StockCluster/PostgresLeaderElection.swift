import Logging
import PostgresNIO
import ServiceLifecycle
import StockStoragePostgres

/// Leadership among the nodes of a deployment, held as a PostgreSQL session-level advisory lock on a connection
/// of its own: the node whose `pg_try_advisory_lock` succeeds runs `lead` until that connection fails or the
/// service stops; the others retry every `retryInterval`. When the leader dies, the server ends its session and
/// frees the lock, and the next retry elsewhere takes over.
struct PostgresLeaderElection: Service {
    let url: PostgresURL
    /// The advisory lock key naming the role.
    let lockKey: Int64
    let retryInterval: Duration
    let logger: Logger
    /// The leader's work; cancelled when leadership is lost.
    let lead: @Sendable () async throws -> Void

    func run() async throws {
        // Closing the session frees the lock if this node still held it.
        await DedicatedConnection(url: url, retryInterval: retryInterval, purpose: "leadership", logger: logger)
            .run { connection in try await campaign(on: connection) }
    }

    /// Tries the lock until it is won, then leads while the connection answers its heartbeat. Returns (or
    /// throws) when leadership ends.
    private func campaign(on connection: PostgresConnection) async throws {
        while !Task.isCancelled {
            let (lockKey, logger) = (lockKey, logger)
            let won = try await boundedWait(timeout: DedicatedConnection.keepaliveTimeout) {
                var won = false
                let rows = try await connection.query("SELECT pg_try_advisory_lock(\(lockKey))", logger: logger)
                for try await acquired in rows.decode(Bool.self) { won = acquired }
                return won
            }
            if won {
                // The connection's heartbeat ends the session, and so the lead, when the connection dies.
                logger.notice("this node leads", metadata: ["lock": "\(lockKey)"])
                try await lead()
                logger.notice("this node stopped leading", metadata: ["lock": "\(lockKey)"])
                return
            }
            try await Task.sleep(for: retryInterval)
        }
    }
}
