import NIOCore
import NIOWebSocket

/// How a live-price socket answers each frame its client sends, decided from the frame alone (no channel, no hub),
/// so that the fuzz target `fuzz/websocket` drives the same decisions as `PriceSocketHandler`.
enum ClientFrameReaction: Equatable {
    /// A ping: answer with a pong carrying its payload.
    case pong(payload: ByteBuffer)
    /// A pong: the client is alive.
    case alive
    /// The client closes: echo `code` (its two code bytes, or nothing when it sent none), then drop the connection.
    case echoClose(code: ByteBuffer)
    /// Close the socket with `code` and `reason` (1002 for a broken rule, 1009 for a frame too big).
    case close(code: UInt16, reason: String)
    /// A data frame: it carries nothing for this route.
    case ignore
}

/// The rules of RFC 6455 a client's frame must keep, on top of what NIO's frame decoder checks (lengths and
/// control frames): a frame breaking one closes the socket with 1002, protocol error.
enum ClientFrameRules {
    /// The largest frame a client may send (NIO's decoder refuses a longer one: 1009); the route reads nothing but
    /// control frames.
    static let maxFrameSize = 1 << 12

    /// What the server does with `frame`.
    static func reaction(to frame: WebSocketFrame) -> ClientFrameReaction {
        if let violation = violation(of: frame) { return .close(code: 1002, reason: violation) }
        switch frame.opcode {
        case .ping:
            return .pong(payload: frame.unmaskedData)
        case .pong:
            return .alive
        case .connectionClose:
            var data = frame.unmaskedData
            return .echoClose(code: data.readSlice(length: min(2, data.readableBytes)) ?? ByteBuffer())
        default:
            return .ignore
        }
    }

    /// The close code and reason when NIO's decoder refuses the bytes: 1009 for a frame over
    /// `PriceSockets.maxFrameSize`, else 1002.
    static func close(for error: NIOWebSocketError) -> (code: UInt16, reason: String) {
        error == .invalidFrameLength ? (1009, "frame too big") : (1002, "protocol error")
    }

    /// Why `frame` is refused, or `nil` when it keeps the rules: client frames are masked (§5.1), no reserved bit is
    /// set (no extension is negotiated, §5.2), the opcode is a known one, and a close frame carries no code or a
    /// valid one (§7.4).
    static func violation(of frame: WebSocketFrame) -> String? {
        guard frame.maskKey != nil else { return "client frames must be masked" }
        guard !frame.rsv1, !frame.rsv2, !frame.rsv3 else { return "reserved bits set without an extension" }
        switch frame.opcode {
        case .continuation, .text, .binary, .ping, .pong:
            return nil
        case .connectionClose:
            let payload = frame.unmaskedData
            guard payload.readableBytes > 0 else { return nil }
            guard let code = payload.getInteger(at: payload.readerIndex, as: UInt16.self) else {
                return "a close frame's code takes two bytes"
            }
            return isValidCloseCode(code) ? nil : "invalid close code \(code)"
        default:
            return "unknown opcode \(frame.opcode)"
        }
    }

    /// The codes a peer may send (§7.4): the defined ones that are not reserved for local use, and 3000-4999.
    static func isValidCloseCode(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }
}
