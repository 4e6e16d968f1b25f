import StockTerminal
import Testing

@Suite("Frame encoding: one write per frame, only changed lines")
struct FrameEncoderTests {
    @Test("the first frame clears the screen and draws every line")
    func firstFrame() {
        var encoder = FrameEncoder()
        let output = encoder.encode(["one", "two"])
        #expect(output == "\u{1B}[0m\u{1B}[2J\u{1B}[1;1Hone\u{1B}[2;1Htwo")
    }

    @Test("later frames rewrite only the lines that changed, without clearing")
    func diff() {
        var encoder = FrameEncoder()
        _ = encoder.encode(["one", "two", "three"])
        #expect(encoder.encode(["one", "TWO", "three"]) == "\u{1B}[2;1HTWO")
        #expect(encoder.encode(["one", "TWO", "three"]) == "")
        encoder.invalidate()
        #expect(encoder.encode(["one", "TWO", "three"]).hasPrefix("\u{1B}[0m\u{1B}[2J"))
    }

    @Test("styles become SGR sequences, reset at the end of the line")
    func styles() {
        var encoder = FrameEncoder()
        let line = StyledLine([Span("AAPL", .highlight), Span(" up", .color(.green)), Span(" x")])
        let output = encoder.encode([line])
        #expect(output.hasSuffix("\u{1B}[0;1;4;33mAAPL\u{1B}[0;32m up\u{1B}[0m x"))
    }
}
