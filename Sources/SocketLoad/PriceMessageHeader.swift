/// The start of a live-price message, read from its bytes without a JSON decoder or any allocation:
/// `{"type":"prices","seq":12,"at":"2026-08-21T14:30:00.123Z","prices":{...}}`.
struct PriceMessageHeader: Equatable {
    enum Kind: Equatable {
        case snapshot
        case prices
    }

    var kind: Kind
    var seq: Int64
    /// The tick's time (`at`) in milliseconds since 1970.
    var atMilliseconds: Int64

    /// The fields are looked for in the first bytes only: the server writes them first.
    static let searchedPrefixLength = 128

    /// The header of the message in `bytes`, or nil when one of the three fields is missing or malformed.
    init?(_ bytes: UnsafeRawBufferPointer) {
        let bytes = UnsafeRawBufferPointer(rebasing: bytes.prefix(Self.searchedPrefixLength))
        guard let typeStart = bytes.index(after: #""type":""#) else { return nil }
        if bytes.hasPrefix("prices\"", at: typeStart) {
            kind = .prices
        } else if bytes.hasPrefix("snapshot\"", at: typeStart) {
            kind = .snapshot
        } else {
            return nil
        }
        guard let seqStart = bytes.index(after: #""seq":"#), let seq = bytes.integer(at: seqStart),
              let atStart = bytes.index(after: #""at":""#), let at = ISO8601UTC.milliseconds(in: bytes, at: atStart)
        else { return nil }
        self.seq = seq
        self.atMilliseconds = at
    }
}

extension UnsafeRawBufferPointer {
    /// The index just past the first occurrence of `pattern`, or nil.
    func index(after pattern: StaticString) -> Int? {
        let length = pattern.utf8CodeUnitCount
        guard count >= length else { return nil }
        for start in 0...(count - length) where hasPrefix(pattern, at: start) {
            return start + length
        }
        return nil
    }

    /// Whether the bytes from `offset` on start with `pattern`.
    func hasPrefix(_ pattern: StaticString, at offset: Int) -> Bool {
        let length = pattern.utf8CodeUnitCount
        guard offset >= 0, count - offset >= length else { return false }
        let patternBytes = pattern.utf8Start
        for index in 0..<length where self[offset + index] != patternBytes[index] {
            return false
        }
        return true
    }

    /// The non-negative decimal integer starting at `offset` (at least one digit), or nil.
    func integer(at offset: Int) -> Int64? {
        var value: Int64 = 0
        var index = offset
        while index < count, let digit = self[index].decimalDigit {
            guard value < Int64.max / 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return index > offset ? value : nil
    }
}

extension UInt8 {
    /// The value of an ASCII decimal digit, or nil.
    var decimalDigit: Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self &- UInt8(ascii: "0")) : nil
    }
}
