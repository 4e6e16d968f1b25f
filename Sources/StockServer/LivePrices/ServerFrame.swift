import NIOCore
import StockMarket

/// Server-to-client WebSocket frames (RFC 6455 §5.2), final and unmasked, written straight as bytes: a price
/// message leaves as one buffer, with no frame value, encoder or header buffer on the way.
enum ServerFrame {
    static let text: UInt8 = 0x1
    static let close: UInt8 = 0x8
    static let ping: UInt8 = 0x9
    static let pong: UInt8 = 0xA

    /// A text frame holding `message`, written by the message straight after the header: one buffer of the
    /// frame's exact size, and no copy of the message on the way.
    static func text(_ message: PriceMessage, allocator: ByteBufferAllocator) -> ByteBuffer {
        let length = message.byteCount
        var frame = allocator.buffer(capacity: headerSize(length: length) + length)
        writeHeader(opcode: text, length: length, to: &frame)
        let written = frame.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { message.write(to: $0) }
        precondition(written == length, "ServerFrame: the message wrote \(written) of its \(length) bytes")
        return frame
    }

    /// The bytes of the header of a frame of `length` bytes: 2, 4 or 10.
    static func headerSize(length: Int) -> Int {
        switch length {
        case ..<126: 2
        case ..<65_536: 4
        default: 10
        }
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
