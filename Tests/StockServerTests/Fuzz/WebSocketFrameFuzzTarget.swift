import NIOCore
import NIOEmbedded
import NIOWebSocket

#if !FUZZING
@testable import StockServer
#endif

/// The libFuzzer target of the live-price socket's frame path (`fuzz/websocket`, `fuzz/run.sh websocket SECONDS`),
/// also replayed by `WebSocketFrameFuzzRegressionTests` over the committed inputs.
///
/// The input is what a client sends after the handshake. It goes through the server's decoding, as
/// `PriceSocketUpgrader` installs it (NIO's `WebSocketFrameDecoder` with `ClientFrameRules.maxFrameSize` behind a
/// `ByteToMessageHandler`, in an `EmbeddedChannel`), then each frame through `ClientFrameRules.reaction(to:)`, and
/// each answer through `ServerFrame`, as `PriceSocketHandler` writes it. Like the handler, it reads nothing after its
/// first close. Checks, besides no trap and no sanitizer report: the same answers whether the bytes arrive at once
/// or in chunks of 1-13 bytes; the answers are those a small reference reading of RFC 6455 expects from the raw
/// bytes (`ReferenceFrames`); every answer is one valid server frame (final, unmasked, a control frame of at most
/// 127 bytes) that decodes back to what it should carry.
enum WebSocketFrameFuzzTarget {
    /// A reaction reduced to what a client sees: the pong's or echo's payload, the close code.
    enum Answer: Equatable, CustomStringConvertible {
        case pong([UInt8])
        case alive
        case echo([UInt8])
        case close(UInt16)
        case ignore

        var description: String {
            switch self {
            case .pong(let payload): "pong \(payload.count) bytes"
            case .alive: "alive"
            case .echo(let code): "echo \(code)"
            case .close(let code): "close \(code)"
            case .ignore: "ignore"
            }
        }

        var closes: Bool {
            switch self {
            case .echo, .close: true
            case .pong, .alive, .ignore: false
            }
        }
    }

    /// Why `input` fails a check, or nil.
    static func check(_ input: [UInt8]) -> String? {
        let whole: [ClientFrameReaction]
        let chunked: [ClientFrameReaction]
        do {
            whole = try reactions(to: input, chunkSize: max(input.count, 1))
            chunked = try reactions(to: input, chunkSize: 1 + Int(input.last ?? 0) % 13)
        } catch {
            return "the pipeline threw \(error)"
        }
        let answers = whole.map(answer)
        guard answers == chunked.map(answer) else { return "chunked input answered \(chunked), whole \(whole)" }
        let expected = ReferenceFrames.answers(to: input, maxFrameSize: ClientFrameRules.maxFrameSize)
        guard answers == expected else { return "answered \(answers), RFC 6455 expects \(expected)" }
        for reaction in whole {
            if let failure = checkServerFrame(for: reaction) { return failure }
        }
        return nil
    }

    /// The server's reactions to `input` fed in chunks of `chunkSize` bytes, up to and including its first close.
    static func reactions(to input: [UInt8], chunkSize: Int) throws -> [ClientFrameReaction] {
        let recorder = ReactionRecorder()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: ClientFrameRules.maxFrameSize)))
        try channel.pipeline.syncOperations.addHandler(recorder)
        var offset = 0
        while offset < input.count, !recorder.closed {
            let end = min(offset + chunkSize, input.count)
            try channel.writeInbound(ByteBuffer(bytes: input[offset..<end]))
            offset = end
        }
        _ = try? channel.finish()
        return recorder.reactions
    }

    static func answer(_ reaction: ClientFrameReaction) -> Answer {
        switch reaction {
        case .pong(let payload): .pong(Array(payload.readableBytesView))
        case .alive: .alive
        case .echoClose(let code): .echo(Array(code.readableBytesView))
        case .close(let code, _): .close(code)
        case .ignore: .ignore
        }
    }

    /// The frame the handler writes for `reaction`, decoded as a client would: one final, unmasked frame.
    static func checkServerFrame(for reaction: ClientFrameReaction) -> String? {
        let (opcode, frame, payload): (WebSocketOpcode, ByteBuffer, [UInt8])
        switch reaction {
        case .pong(let data):
            (opcode, frame, payload) = (.pong, ServerFrame.control(ServerFrame.pong, payload: data, allocator: .init()),
                                        Array(data.readableBytesView))
        case .echoClose(let code):
            (opcode, frame, payload) = (.connectionClose,
                                        ServerFrame.control(ServerFrame.close, payload: code, allocator: .init()),
                                        Array(code.readableBytesView))
        case .close(let code, let reason):
            var expected = ByteBuffer()
            expected.writeInteger(code)
            expected.writeString(reason)
            (opcode, frame, payload) = (.connectionClose, ServerFrame.close(code: code, reason: reason, allocator: .init()),
                                        Array(expected.readableBytesView.prefix(125)))
        case .alive, .ignore:
            return nil
        }
        guard frame.readableBytes <= 127 else { return "a \(opcode) frame of \(frame.readableBytes) bytes" }
        guard let decoded = try? decodedAsClient(frame), decoded.count == 1, let sent = decoded.first else {
            return "the \(opcode) frame the server writes does not decode as one frame"
        }
        guard sent.fin, sent.maskKey == nil, !sent.rsv1, !sent.rsv2, !sent.rsv3, sent.opcode == opcode,
              Array(sent.data.readableBytesView) == payload
        else { return "the server's \(opcode) frame decodes as \(sent)" }
        return nil
    }

    /// `frame` decoded by NIO's decoder, as a client reads it.
    static func decodedAsClient(_ frame: ByteBuffer) throws -> [WebSocketFrame] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 16)))
        try channel.writeInbound(frame)
        var frames: [WebSocketFrame] = []
        while let decoded = try channel.readInbound(as: WebSocketFrame.self) { frames.append(decoded) }
        _ = try channel.finish()
        return frames
    }
}

/// Records what `ClientFrameRules` makes of each decoded frame and of a decoder error, as `PriceSocketHandler` acts
/// on them, until the first close.
final class ReactionRecorder: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame

    private(set) var reactions: [ClientFrameReaction] = []
    private(set) var closed = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closed else { return }
        record(ClientFrameRules.reaction(to: unwrapInboundIn(data)))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closed, let error = error as? NIOWebSocketError else { return }
        let (code, reason) = ClientFrameRules.close(for: error)
        record(.close(code: code, reason: reason))
    }

    private func record(_ reaction: ClientFrameReaction) {
        reactions.append(reaction)
        closed = WebSocketFrameFuzzTarget.answer(reaction).closes
    }
}
