/// A small reading of RFC 6455's framing (§5.2) and of the live-price route's rules, written apart from NIO's
/// decoder and `ClientFrameRules`, that `WebSocketFrameFuzzTarget` compares the server with: the answers a client
/// should get for its bytes, up to the first close. An incomplete last frame gets no answer.
enum ReferenceFrames {
    static func answers(to input: [UInt8], maxFrameSize: Int) -> [WebSocketFrameFuzzTarget.Answer] {
        var answers: [WebSocketFrameFuzzTarget.Answer] = []
        var offset = 0
        while answers.last?.closes != true, let header = Header(input, at: offset) {
            // Refused as soon as the length is known, before the mask and the payload arrive (as NIO's decoder
            // does): a frame over the bound with 1009, a fragmented or long control frame with 1002.
            if header.length > UInt64(maxFrameSize) {
                answers.append(.close(1009))
            } else if header.opcode & 0x8 != 0, !header.fin || header.length > 125 {
                answers.append(.close(1002))
            } else {
                let maskLength = header.masked ? 4 : 0
                let start = header.lengthEnd + maskLength
                guard input.count - start >= Int(header.length) else { break }
                var payload = Array(input[start..<start + Int(header.length)])
                for index in payload.indices where header.masked {
                    payload[index] ^= input[header.lengthEnd + index % 4]
                }
                answers.append(answer(to: header, payload: payload))
                offset = start + Int(header.length)
            }
        }
        return answers
    }

    static func answer(to header: Header, payload: [UInt8]) -> WebSocketFrameFuzzTarget.Answer {
        guard header.masked, !header.reservedBits else { return .close(1002) }
        switch header.opcode {
        case 0x0, 0x1, 0x2: return .ignore
        case 0x9: return .pong(payload)
        case 0xA: return .alive
        case 0x8:
            if payload.isEmpty { return .echo([]) }
            guard payload.count >= 2 else { return .close(1002) }
            let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
            // §7.4: 1004-1006 and 1015 are never sent; 1016-2999 are unassigned; 3000-4999 are for libraries and
            // applications.
            let sendable = (1000...1003).contains(code) || (1007...1014).contains(code) || (3000...4999).contains(code)
            return sendable ? .echo(Array(payload[0..<2])) : .close(1002)
        default:
            return .close(1002)
        }
    }

    /// A frame's first bytes up to its length, read from `input` at `offset`: nil while the length is incomplete.
    struct Header {
        var fin: Bool
        var reservedBits: Bool
        var opcode: UInt8
        var masked: Bool
        var length: UInt64
        /// Where the mask (or, unmasked, the payload) starts.
        var lengthEnd: Int

        init?(_ input: [UInt8], at offset: Int) {
            guard input.count - offset >= 2 else { return nil }
            let first = input[offset], second = input[offset + 1]
            fin = first & 0x80 != 0
            reservedBits = first & 0x70 != 0
            opcode = first & 0x0F
            masked = second & 0x80 != 0
            let extra = [126: 2, 127: 8][Int(second & 0x7F)] ?? 0
            guard input.count - offset - 2 >= extra else { return nil }
            length = extra == 0
                ? UInt64(second & 0x7F) : input[offset + 2..<offset + 2 + extra].reduce(0) { $0 << 8 | UInt64($1) }
            lengthEnd = offset + 2 + extra
        }
    }
}
