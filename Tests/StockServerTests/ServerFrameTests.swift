import NIOCore
import Testing
@testable import StockMarket
@testable import StockServer

@Suite("WebSocket frames written by the server")
struct ServerFrameTests {
    let allocator = ByteBufferAllocator()

    /// The frame's first bytes: FIN and opcode, then the length field.
    func header(_ frame: ByteBuffer, _ count: Int) -> [UInt8] {
        Array(frame.readableBytesView.prefix(count))
    }

    /// A `prices` message of exactly `size` bytes: one price fragment padded to the length that makes it so.
    func message(ofSize size: Int) -> PriceMessage {
        func parts(_ fragmentLength: Int) -> PriceMessageWriter.Parts {
            PriceMessageWriter.Parts(
                kind: .prices, seq: 7, atJSON: Array(#""2026-08-21T14:30:00.000Z""#.utf8),
                prices: [Array(repeating: UInt8(ascii: "a"), count: fragmentLength)], quotes: [], stale: [])
        }
        let fixed = parts(0).byteCount
        return PriceMessage(content: .parts(parts(size - fixed)))
    }

    @Test("text frames carry their length in 7, 16 or 64 bits, unmasked, then the message written in place",
          arguments: [
            (125, [0x81, 125] as [UInt8]), (126, [0x81, 126, 0x00, 126]), (65_535, [0x81, 126, 0xFF, 0xFF]),
            (65_536, [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]),
          ])
    func textLengths(size: Int, expectedHeader: [UInt8]) {
        let message = message(ofSize: size)
        #expect(message.byteCount == size)
        let frame = ServerFrame.text(message, allocator: allocator)
        #expect(header(frame, expectedHeader.count) == expectedHeader)
        #expect(ServerFrame.headerSize(length: size) == expectedHeader.count)
        #expect(frame.readableBytes == expectedHeader.count + size)
        #expect(Array(frame.readableBytesView.dropFirst(expectedHeader.count)) == message.bytes)
    }

    @Test("a message written already (an alert) leaves as it is")
    func writtenText() {
        let alert = Array(#"{"type":"alert","n":1}"#.utf8)
        let frame = ServerFrame.text(PriceMessage(content: .written(alert)), allocator: allocator)
        #expect(Array(frame.readableBytesView) == [0x81, UInt8(alert.count)] + alert)
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
