import NIOCore

/// Server-to-client WebSocket frames (RFC 6455 §5.2), final and unmasked, written straight as bytes: a price
/// message leaves as one buffer, with no frame value, encoder or header buffer on the way.
enum ServerFrame {
    static let text: UInt8 = 0x1
    static let close: UInt8 = 0x8
    static let ping: UInt8 = 0x9
    static let pong: UInt8 = 0xA

    /// A text frame holding `payload` (UTF-8 JSON).
    static func text(_ payload: [UInt8], allocator: ByteBufferAllocator) -> ByteBuffer {
        var frame = allocator.buffer(capacity: 10 + payload.count)
        writeHeader(opcode: text, length: payload.count, to: &frame)
        frame.writeBytes(payload)
        return frame
    }

    /// A control frame (`close`, `ping`, `pong`) holding `payload`, at most 125 bytes.
    static func control(_ opcode: UInt8, payload: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer {
        var payload = payload
        var body = payload.readSlice(length: min(payload.readableBytes, 125))!
        var frame = allocator.buffer(capacity: 2 + body.readableBytes)
        writeHeader(opcode: opcode, length: body.readableBytes, to: &frame)
        frame.writeBuffer(&body)
        return frame
    }

    /// A close frame with `code` and `reason`.
    static func close(code: UInt16, reason: String, allocator: ByteBufferAllocator) -> ByteBuffer {
        var payload = allocator.buffer(capacity: 2 + reason.utf8.count)
        payload.writeInteger(code)
        payload.writeString(reason)
        return control(close, payload: payload, allocator: allocator)
    }

    private static func writeHeader(opcode: UInt8, length: Int, to frame: inout ByteBuffer) {
        frame.writeInteger(0x80 | opcode)
        switch length {
        case ..<126:
            frame.writeInteger(UInt8(length))
        case ..<65_536:
            frame.writeInteger(UInt8(126))
            frame.writeInteger(UInt16(length))
        default:
            frame.writeInteger(UInt8(127))
            frame.writeInteger(UInt64(length))
        }
    }
}
