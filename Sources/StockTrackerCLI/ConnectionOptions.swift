import ArgumentParser
import StockServer

/// `serve`'s bounds on connections and live-price sockets (`ConnectionLimits`, see `docs/security.md`).
struct ConnectionOptions: ParsableArguments {
    @Option(help: """
        Seconds a connection may take to send its first request, or stay idle between requests \
        (env STOCKTRACKER_IDLE_TIMEOUT).
        """)
    var idleTimeout: Double = Settings.environment.double(
        forKey: "idle_timeout", default: Self.seconds(Settings.serveDefaults.connections.idleTimeout))

    @Option(help: """
        Seconds a graceful shutdown waits for open connections before closing them \
        (env STOCKTRACKER_SHUTDOWN_GRACE).
        """)
    var shutdownGrace: Double = Settings.environment.double(
        forKey: "shutdown_grace", default: Self.seconds(Settings.serveDefaults.connections.shutdownGrace))

    @Option(help: "Largest request head in bytes; a larger one gets 431 (env STOCKTRACKER_MAX_REQUEST_HEAD_BYTES).")
    var maxRequestHeadBytes: Int = Settings.environment.int(
        forKey: "max_request_head_bytes", default: Settings.serveDefaults.connections.maxRequestHeadBytes)

    @Option(help: """
        Bytes a live-price socket may leave unsent before it is closed with 1008 \
        (env STOCKTRACKER_MAX_SOCKET_QUEUE_BYTES).
        """)
    var maxSocketQueueBytes: Int = Settings.environment.int(
        forKey: "max_socket_queue_bytes", default: Settings.serveDefaults.connections.maxSocketQueueBytes)

    @Option(help: """
        Live-price sockets per user on this node; the next handshake gets 429 \
        (env STOCKTRACKER_MAX_SOCKETS_PER_USER).
        """)
    var maxSocketsPerUser: Int = Settings.environment.int(
        forKey: "max_sockets_per_user", default: Settings.serveDefaults.connections.maxSocketsPerUser)

    func validate() throws {
        guard idleTimeout > 0, idleTimeout <= Self.maxSeconds else {
            throw ValidationError("--idle-timeout must be between 0 and \(Int(Self.maxSeconds)) seconds")
        }
        guard shutdownGrace >= 0, shutdownGrace <= Self.maxSeconds else {
            throw ValidationError("--shutdown-grace must be between 0 and \(Int(Self.maxSeconds)) seconds")
        }
        guard maxRequestHeadBytes >= 1024 else {
            throw ValidationError("--max-request-head-bytes must be at least 1024")
        }
        guard maxSocketQueueBytes >= 4096 else {
            throw ValidationError("--max-socket-queue-bytes must be at least 4096")
        }
        guard maxSocketsPerUser >= 1 else { throw ValidationError("--max-sockets-per-user must be at least 1") }
    }

    /// The limits these options give.
    var limits: ConnectionLimits {
        var limits = ConnectionLimits()
        limits.idleTimeout = .milliseconds(Int64(idleTimeout * 1000))
        limits.shutdownGrace = .milliseconds(Int64(shutdownGrace * 1000))
        limits.maxRequestHeadBytes = maxRequestHeadBytes
        limits.maxSocketQueueBytes = maxSocketQueueBytes
        limits.maxSocketsPerUser = maxSocketsPerUser
        return limits
    }

    /// The longest timeout or grace accepted: one day.
    private static let maxSeconds = 86_400.0

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
