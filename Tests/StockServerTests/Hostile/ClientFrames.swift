/// WebSocket frames as a hostile client writes them (masked unless told otherwise, any opcode and reserved bits),
/// and the server's frames read back from raw bytes.
enum ClientFrames {
    static let mask: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]

    /// One final frame of `opcode` carrying `payload`; `reserved` is or-ed into the first byte (0x40 is RSV1).
    static func frame(_ opcode: UInt8, _ payload: [UInt8] = [], masked: Bool = true, reserved: UInt8 = 0) -> [UInt8] {
        var frame: [UInt8] = [0x80 | reserved | opcode]
        let maskBit: UInt8 = masked ? 0x80 : 0
        switch payload.count {
        case ..<126:
            frame.append(maskBit | UInt8(payload.count))
        case ..<65_536:
            frame += [maskBit | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default:
            frame.append(maskBit | 127)
            frame += (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        guard masked else { return frame + payload }
        return frame + mask + payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
    }

    static func ping(_ payload: [UInt8] = []) -> [UInt8] { frame(0x9, payload) }

    static func close(code: UInt16) -> [UInt8] { frame(0x8, [UInt8(code >> 8), UInt8(code & 0xFF)]) }

    /// The close code of the server's close frame in `bytes` (the frames after the handshake's head), if any.
    static func serverCloseCode(in bytes: [UInt8]) -> UInt16? {
        var index = 0
        while index + 2 <= bytes.count {
            let opcode = bytes[index] & 0x0F
            var length = Int(bytes[index + 1] & 0x7F)
            var start = index + 2
            if length == 126, start + 2 <= bytes.count {
                length = Int(bytes[start]) << 8 | Int(bytes[start + 1])
                start += 2
            } else if length == 127, start + 8 <= bytes.count {
                length = bytes[start..<(start + 8)].reduce(0) { $0 << 8 | Int($1) }
                start += 8
            }
            guard start + length <= bytes.count else { return nil }
            if opcode == 0x8, length >= 2 { return UInt16(bytes[start]) << 8 | UInt16(bytes[start + 1]) }
            index = start + length
        }
        return nil
    }

    /// The bytes after an HTTP answer's head.
    static func afterHead(_ bytes: [UInt8]) -> [UInt8] {
        let end = RawConnection.headEnd
        guard bytes.count >= end.count else { return [] }
        for start in 0...(bytes.count - end.count) where Array(bytes[start..<(start + end.count)]) == end {
            return Array(bytes[(start + end.count)...])
        }
        return []
    }
}
