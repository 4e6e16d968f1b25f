/// A key press, decoded from the terminal's bytes.
public enum Key: Sendable, Hashable {
    /// A printable character (any script).
    case character(Character)
    /// Ctrl plus a letter, as the lowercase letter: `.control("c")` is Ctrl-C.
    case control(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// Shift+↑ and Shift+↓ (`ESC [ 1 ; 2 A` / `B`): move the selected row.
    case shiftUp, shiftDown
    /// F1...F12.
    case function(Int)
}

/// Turns raw-mode input bytes into keys: UTF-8 characters, control keys and the VT100/xterm escape sequences
/// for arrows and editing keys. Keeps an incomplete sequence (split across two reads) for the next call.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// The keys in `bytes` (after what was left over from the previous call).
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Key] {
        let input = pending + bytes
        pending = []
        var keys: [Key] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            let consumed: Int?
            switch byte {
            case 0x1B:
                consumed = decodeEscape(input, at: index, into: &keys)
            case 0x0D, 0x0A:
                keys.append(.enter)
                consumed = 1
            case 0x09:
                keys.append(.tab)
                consumed = 1
            case 0x7F, 0x08:
                keys.append(.backspace)
                consumed = 1
            case 0x01...0x1A:
                keys.append(.control(Character(Unicode.Scalar(byte + 0x60))))
                consumed = 1
            case 0x00, 0x1C...0x1F:
                consumed = 1
            default:
                consumed = decodeUTF8(input, at: index, into: &keys)
            }
            guard let consumed else {
                pending = Array(input[index...])
                break
            }
            index += consumed
        }
        return keys
    }

    /// ESC alone (at the end of a read, or before a byte that starts no sequence), CSI `ESC [` and SS3 `ESC O`
    /// sequences. `nil` when the sequence is incomplete.
    private func decodeEscape(_ input: [UInt8], at start: Int, into keys: inout [Key]) -> Int? {
        guard start + 1 < input.count else {
            keys.append(.escape)
            return 1
        }
        switch input[start + 1] {
        case UInt8(ascii: "["):
            var end = start + 2
            while end < input.count, !(0x40...0x7E).contains(input[end]) { end += 1 }
            guard end < input.count else { return nil }
            let parameters = String(decoding: input[(start + 2)..<end], as: UTF8.self)
            if let key = Self.csiKey(final: input[end], parameters: parameters) { keys.append(key) }
            return end - start + 1
        case UInt8(ascii: "O"):
            guard start + 2 < input.count else { return nil }
            if let key = Self.ss3Key(input[start + 2]) { keys.append(key) }
            return 3
        default:
            keys.append(.escape)
            return 1
        }
    }

    private static func csiKey(final: UInt8, parameters: String) -> Key? {
        switch final {
        case UInt8(ascii: "A"): return parameters.hasSuffix(";2") ? .shiftUp : .up
        case UInt8(ascii: "B"): return parameters.hasSuffix(";2") ? .shiftDown : .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"):
            let code = Int(parameters.split(separator: ";").first ?? "") ?? 0
            switch code {
            case 1, 7: return .home
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function(code - 10)
            case 17...21: return .function(code - 11)
            case 23, 24: return .function(code - 12)
            default: return nil
            }
        default: return nil
        }
    }

    private static func ss3Key(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "P")...UInt8(ascii: "S"): .function(Int(byte) - Int(UInt8(ascii: "P")) + 1)
        default: nil
        }
    }

    /// One UTF-8 encoded character; invalid bytes are skipped, an incomplete sequence waits (`nil`).
    private func decodeUTF8(_ input: [UInt8], at start: Int, into keys: inout [Key]) -> Int? {
        let lead = input[start]
        let length = switch lead {
        case 0x20...0x7E: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
        guard length > 0 else { return 1 }
        guard start + length <= input.count else { return nil }
        let bytes = input[start..<(start + length)]
        guard bytes.dropFirst().allSatisfy({ (0x80...0xBF).contains($0) }),
              let text = String(validating: bytes, as: UTF8.self), let character = text.first
        else { return 1 }
        keys.append(.character(character))
        return length
    }
}
