import StockTerminal
import Testing

@Suite("Decoding keys from raw terminal input")
struct KeyDecoderTests {
    private func keys(_ chunks: [UInt8]...) -> [Key] {
        var decoder = KeyDecoder()
        return chunks.flatMap { decoder.decode($0) }
    }

    @Test("printable, control and editing keys")
    func basics() {
        #expect(keys(Array("aQ?".utf8)) == [.character("a"), .character("Q"), .character("?")])
        #expect(keys([0x0D, 0x09, 0x7F, 0x03, 0x12]) == [.enter, .tab, .backspace, .control("c"), .control("r")])
    }

    @Test("arrow, delete and paging sequences (CSI and SS3)")
    func sequences() {
        #expect(keys(Array("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[D".utf8)) == [.up, .down, .right, .left])
        #expect(keys(Array("\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[Z\u{1B}OP".utf8))
            == [.delete, .pageUp, .pageDown, .backTab, .function(1)])
    }

    @Test("a lone ESC at the end of a read is the Escape key")
    func escape() {
        #expect(keys([0x1B]) == [.escape])
        #expect(keys([0x1B, UInt8(ascii: "x")]) == [.escape, .character("x")])
    }

    @Test("sequences and UTF-8 characters split across reads are joined")
    func split() {
        #expect(keys([0x1B, UInt8(ascii: "[")], [UInt8(ascii: "A")]) == [.up])
        let japanese = Array("ト".utf8)
        #expect(keys(Array(japanese.prefix(2)), Array(japanese.dropFirst(2))) == [.character("ト")])
    }

    @Test("invalid bytes are skipped")
    func invalid() {
        #expect(keys([0xFF, UInt8(ascii: "a"), 0xC3, UInt8(ascii: "b")]) == [.character("a"), .character("b")])
    }
}
