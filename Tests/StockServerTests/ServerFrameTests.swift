import NIOCore
import Testing
@testable import StockServer

@Suite("WebSocket frames written by the server")
struct ServerFrameTests {
    let allocator = ByteBufferAllocator()

    /// The frame's first bytes: FIN and opcode, then the length field.
    func header(_ frame: ByteBuffer, _ count: Int) -> [UInt8] {
        Array(frame.readableBytesView.prefix(count))
    }

    @Test("text frames carry their length in 7, 16 or 64 bits, unmasked, then the payload")
    func textLengths() {
        let short = ServerFrame.text(Array(repeating: 0x61, count: 125), allocator: allocator)
        #expect(header(short, 2) == [0x81, 125])
        #expect(short.readableBytes == 2 + 125)

        let medium = ServerFrame.text(Array(repeating: 0x61, count: 126), allocator: allocator)
        #expect(header(medium, 4) == [0x81, 126, 0x00, 126])
        #expect(medium.readableBytes == 4 + 126)

        let long = ServerFrame.text(Array(repeating: 0x61, count: 65_536), allocator: allocator)
        #expect(header(long, 10) == [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0])
        #expect(long.readableBytes == 10 + 65_536)
        #expect(long.getInteger(at: 10, as: UInt8.self) == 0x61)
    }

    @Test("a close frame holds the code in network order, then the reason; control payloads stop at 125 bytes")
    func closeAndControl() {
        let close = ServerFrame.close(code: 1008, reason: "slow", allocator: allocator)
        #expect(Array(close.readableBytesView) == [0x88, 6, 0x03, 0xF0] + Array("slow".utf8))

        let pong = ServerFrame.control(
            ServerFrame.pong, payload: allocator.buffer(bytes: Array(repeating: 7, count: 200)), allocator: allocator)
        #expect(header(pong, 2) == [0x8A, 125])
        #expect(pong.readableBytes == 2 + 125)
    }

    @Test("the handshake answer of RFC 6455's example key")
    func acceptValue() {
        #expect(PriceSocketUpgrader.acceptValue(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }
}
