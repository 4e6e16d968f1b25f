/// Identifies one live-price connection in a `PriceHub`: a slot index plus the slot's generation, so that an id of
/// a connection that has gone never addresses the slot's next tenant.
public struct PriceSocketID: Hashable, Sendable {
    let slot: UInt32
    let generation: UInt32
}

/// Why the hub ends a connection, as a WebSocket close code and reason.
public struct PriceSocketClose: Sendable, Hashable {
    public var code: UInt16
    public var reason: String

    public init(code: UInt16, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The client left data unsent for too long (it does not read, or not fast enough): 1008, policy violation.
    public static let tooSlow = PriceSocketClose(code: 1008, reason: "client too slow: unsent prices beyond the bound")
    /// The server is shutting down: 1001, going away.
    public static let goingAway = PriceSocketClose(code: 1001, reason: "server shutting down")
    /// The watchlist could not be read: 1011, internal error.
    public static let watchlistUnavailable = PriceSocketClose(code: 1011, reason: "could not load the watchlist")
}

/// The socket side of a connection, as the hub sees it.
///
/// The hub never writes to a socket: it tells the socket that messages are waiting, and the socket takes them with
/// `PriceHub.nextMessage(for:)` when it can send them (on its own thread, at its own pace).
public protocol PriceSocket: Sendable {
    /// Messages are waiting: take them with `nextMessage(for:)` until it returns `nil`. Called outside the hub's
    /// lock, once per batch of work, and only after `nextMessage(for:)` returned `nil`; must not block.
    func messagesWaiting()

    /// Closes the socket with `close`. Called at most once, outside the hub's lock; must not wait on the client.
    func close(_ close: PriceSocketClose)
}

/// What a socket gets from `PriceHub.nextMessage(for:)`.
public enum PriceDelivery: Sendable, Equatable {
    /// One JSON text message to send.
    case message(PriceMessage)
    /// The hub closed the connection (with the reason), or it was disconnected (`nil`).
    case closed(PriceSocketClose?)
}

/// One JSON text message for a socket, not yet written: its size is known, so that the socket writes it straight
/// into its outgoing buffer after the frame header, with no copy on the way. Two messages are equal when their
/// bytes are.
public struct PriceMessage: Sendable, Equatable {
    enum Content: Sendable {
        /// The fragments of a `snapshot` or `prices` message, joined when it is written.
        case parts(PriceMessageWriter.Parts)
        /// A message written already (`lists_changed`, an alert).
        case written([UInt8])
    }

    let content: Content

    /// The message's size in bytes.
    public var byteCount: Int {
        switch content {
        case .parts(let parts): parts.byteCount
        case .written(let bytes): bytes.count
        }
    }

    /// Writes the message at the start of `base`, which holds at least `byteCount` bytes; returns `byteCount`.
    public func write(to base: UnsafeMutableRawBufferPointer) -> Int {
        switch content {
        case .parts(let parts):
            return parts.write(to: base)
        case .written(let bytes):
            precondition(base.count >= bytes.count, "PriceMessage: buffer too small")
            bytes.withUnsafeBytes { base.copyMemory(from: $0) }
            return bytes.count
        }
    }

    /// The message's bytes, in an array of their own.
    public var bytes: [UInt8] {
        switch content {
        case .parts(let parts): parts.bytes
        case .written(let bytes): bytes
        }
    }

    public static func == (lhs: PriceMessage, rhs: PriceMessage) -> Bool { lhs.bytes == rhs.bytes }
}
