import NIOCore
import NIOWebSocket

/// The rules of RFC 6455 a client's frame must keep, on top of what NIO's frame decoder checks (lengths and
/// control frames): a frame breaking one closes the socket with 1002, protocol error.
enum ClientFrameRules {
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
