import Testing
@testable import StockSearch

@Suite struct NormalizationTests {
    @Test(arguments: [
        ("Société Générale", "societe generale"),
        ("ＡＡＰＬ", "aapl"),
        ("Straße", "strasse"),
        ("Nestlé", "nestle"),
        ("Wärtsilä", "wartsila"),
        ("Сбербанк", "сбербанк"),
        ("ЛУКОЙЛ", "лукойл"),
        ("ｉＦｒｅｅＥＴＦ", "ifreeetf"),
        ("Ørsted", "orsted"),
        ("Łódź", "lodz"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
    }

    @Test func keepsKanaVoicingMarks() {
        // ガ must not become カ: the voiced and semi-voiced kana are different letters.
        #expect(TextNormalizer.normalize("ガ") == "ガ")
        #expect(TextNormalizer.normalize("パナソニック") == "パナソニック")
        #expect(TextNormalizer.normalize("ｶﾞｽ") == "ガス")
        #expect(TextNormalizer.normalize("ガ") != TextNormalizer.normalize("カ"))
    }

    @Test func germanUmlautsHaveATransliteration() {
        #expect(TextNormalizer.foldedScalars("Südzucker", germanUmlauts: true) == scalars("suedzucker"))
        #expect(TextNormalizer.foldedScalars("Börse", germanUmlauts: true) == scalars("boerse"))
        #expect(TextNormalizer.foldedScalars("Südzucker") == scalars("sudzucker"))
    }

    @Test func emptyAndLongInput() {
        #expect(TextNormalizer.normalize("") == "")
        let long = String(repeating: "Ä", count: 5000)
        #expect(TextNormalizer.normalize(long) == String(repeating: "a", count: 5000))
    }

    @Test(arguments: [
        ("BRK.B", ["brk", "b"]),
        ("BRK-B", ["brk", "b"]),
        ("BRK/B", ["brk", "b"]),
        ("BAC$K", ["bac", "k"]),
        ("Coca-Cola", ["coca", "cola"]),
        ("L'Oréal", ["loreal"]),
        ("AT&T Inc.", ["at", "t", "inc"]),
        ("Nestlé S.A.", ["nestle", "sa"]),
        ("S.p.A.", ["spa"]),
        ("三菱ＵＦＪフィナンシャル・グループ", ["三菱ufjフィナンシャル", "グループ"]),
        ("  spaced   out  ", ["spaced", "out"]),
    ])
    func foldsPunctuationIntoWords(_ input: String, _ expected: [String]) {
        let words = WordSplitter.split(TextNormalizer.foldedScalars(input[...])).map { word in
            String(String.UnicodeScalarView(word.scalars.compactMap(Unicode.Scalar.init)))
        }
        #expect(words == expected)
    }

    @Test(arguments: ["BRK.B", "BAC$K", "7203.T", "aapl", "HM-B.ST", "A", "X$", "ÀB.C", "ＡＡＰＬ", "O'K"])
    func tickerFolding(_ ticker: String) {
        // The ASCII fast path gives what folding and splitting gives.
        let words = WordSplitter.foldAndSplit(ticker)
        let folded = SearchIndexBuilder.foldedTicker(ticker)
        #expect(folded.key == words.flatMap(\.scalars))
        #expect(folded.hasPunctuation == (words.count > 1 || ticker.unicodeScalars.contains {
            !$0.properties.isAlphabetic && $0.properties.numericType == nil
        }))
        #expect(folded.forms.first.map { $0 == folded.key } ?? folded.key.isEmpty)
    }

    @Test func preferredTickersAlsoHaveTheirCQSForm() {
        let forms = SearchIndexBuilder.foldedTicker("BAC$K").forms
        #expect(forms == ["back", "bacpk"].map { $0.unicodeScalars.map(\.value) })
    }

    @Test func wordsRememberTheirCharacters() {
        let words = WordSplitter.foldAndSplit("Nestlé S.A. - Common")
        #expect(words.map(\.characterStart) == [0, 7, 14])
        #expect(words.map(\.characterCount) == [6, 3, 6])
    }

    private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
}
