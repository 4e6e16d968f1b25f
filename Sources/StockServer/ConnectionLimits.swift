/// The bounds on HTTP connections and live-price sockets, part of `ServerConfiguration` (see `docs/security.md`).
public struct ConnectionLimits: Sendable {
    /// How long a connection may take to send its first request head, and stay open between two requests.
    public var idleTimeout: Duration = .seconds(60)
    /// How long a graceful shutdown waits for open connections and sockets before closing them.
    public var shutdownGrace: Duration = .seconds(10)
    /// The largest request head (request line and headers) in bytes; a larger one is answered with 431.
    public var maxRequestHeadBytes = 80 * 1024
    /// The bytes the server may hold unsent for one socket (prices, pongs, pings and close frames alike) before
    /// it closes the socket with 1008. The largest snapshot a user can have, 1,000 distinct securities with full
    /// quotes (about 330 bytes each), is about 330 KB; the default leaves room for the control frames behind it.
    public var maxSocketQueueBytes = 512 * 1024
    /// Live-price sockets one user may hold on this node; the next handshake is refused with 429.
    public var maxSocketsPerUser = 10

    public init() {}
}
