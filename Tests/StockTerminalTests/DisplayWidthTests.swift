import StockTerminal
import Testing

@Suite("Display width and fitting text into columns")
struct DisplayWidthTests {
    @Test("counts terminal columns, not Characters", arguments: [
        ("Apple Inc.", 10), ("トヨタ自動車", 12), ("ソニーグループ", 14), ("삼성전자", 8), ("ＡＢＣ", 6),
        ("e\u{301}clair", 6), ("📈", 2), ("❤️", 2), ("", 0), ("Nestlé S.A.", 11),
    ])
    func widths(text: String, columns: Int) {
        #expect(text.displayWidth == columns)
    }

    @Test("control characters from the server never reach the terminal")
    func controlCharacters() {
        #expect("Evil\u{1B}[2JCorp\n".terminalSafe == "Evil [2JCorp ")
        #expect(Span("a\u{7}b").text == "a b")
        #expect("Acme\u{202E}cnI".terminalSafe == "AcmecnI")
    }

    @Test("a short line is padded to the width")
    func padding() {
        let line = StyledLine("AAPL").fitted(to: 8)
        #expect(line.plainText == "AAPL    ")
        #expect(line.width == 8)
    }

    @Test("a long line is cut with an ellipsis in its last column")
    func ellipsis() {
        #expect(StyledLine("International Business Machines").fitted(to: 12).plainText == "Internation…")
        #expect(StyledLine("トヨタ自動車株式会社").fitted(to: 9).plainText == "トヨタ自…")
        // A wide character that would straddle the edge is dropped and its column padded.
        #expect(StyledLine("トヨタ自動車株式会社").fitted(to: 10).plainText == "トヨタ自 …")
        #expect(StyledLine("トヨタ自動車株式会社").fitted(to: 10).width == 10)
    }

    @Test("cutting keeps the styles of the spans it keeps")
    func styledCut() {
        let line = StyledLine([Span("AP", .highlight), Span("PLE COMPUTER", .plain)]).fitted(to: 6)
        #expect(line.spans.map(\.text) == ["AP", "PLE", "…"])
        #expect(line.spans[0].style == .highlight)
    }

    @Test("right-aligned columns")
    func rightAligned() {
        #expect(StyledLine.column("187.12", width: 10, alignRight: true).plainText == "    187.12")
        #expect(StyledLine.column("トヨタ", width: 8).plainText == "トヨタ  ")
    }
}
