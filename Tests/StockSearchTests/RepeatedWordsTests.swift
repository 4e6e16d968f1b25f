import Testing
@testable import StockSearch

/// Repeated query words are merged (a hostile input bound): `apple apple apple` is the query `apple`, so it
/// costs what `apple` costs and ranks the same; a name that repeats a word keeps the query as typed.
@Suite struct RepeatedWordsTests {
    static let index = SearchIndex(records: [
        SearchRecord(id: 1, ticker: "AAPL", name: "Apple Inc. - Common Stock"),
        SearchRecord(id: 2, ticker: "APLE", name: "Apple Hospitality REIT, Inc. Common Shares"),
        SearchRecord(id: 3, ticker: "PAPL", name: "Pineapple Financial Inc. Common Stock"),
        SearchRecord(id: 4, ticker: "TSLA", name: "Tesla, Inc.  - Common Stock"),
        SearchRecord(id: 5, ticker: "JJSF", name: "J & J Snack Foods Corp. - Common Stock"),
        SearchRecord(id: 6, ticker: "AIDX", name: "20/20 Biolabs, Inc. - Common Stock"),
        SearchRecord(id: 7, ticker: "A", name: "Agilent Technologies, Inc. Common Stock"),
        SearchRecord(id: 8, ticker: "AA", name: "Alcoa Corporation Common Stock"),
        SearchRecord(id: 9, ticker: "JNJ", name: "Johnson & Johnson Common Stock"),
    ])

    /// Everything the tiers read of a parsed query: equal signatures mean the same work and the same answer.
    func signature(_ text: String) -> String {
        let query = Self.index.parse(text)
        let words = query.words.map { "\($0.scalars) \($0.prefixRange) \($0.maxDistance)" }
        return "\(words) \(query.compact) \(query.joined) \(query.tickerKeys) \(Array(query.literal)) "
            + "\(query.hasPunctuation) \(String(describing: query.codeKey))"
    }

    @Test(arguments: [
        ("apple apple apple", "apple"),
        (Array(repeating: "apple", count: 16).joined(separator: " "), "apple"),  // 95 characters
        (Array(repeating: "a", count: 50).joined(separator: " "), "a"),  // 99 characters
        ("APPLE, apple; Apple", "apple"),
        ("tesla tesla   inc tesla", "tesla inc"),
        ("apple tesla apple tesla", "apple tesla"),
    ])
    func repeatedWordsAreMerged(repeated: String, once: String) {
        #expect(repeated.count <= 100, "within the query bound")
        #expect(signature(repeated) == signature(once))
        #expect(Self.index.search(repeated) == Self.index.search(once), "the same hits, kinds and highlights")
    }

    @Test func theMergedQueryRanksLikeTheWordTypedOnce() {
        let hits = Self.index.search("apple apple apple")
        #expect(hits.first?.id == 1 && hits.first?.kind == .exactName, "not a multi-word or typo fallback")
        #expect(Self.index.search("a a a a a a a a a a").first?.id == 7, "the exact ticker `A`")
    }

    @Test func aNameThatRepeatsAWordKeepsTheQueryAsTyped() {
        let snacks = Self.index.search("j & j snack foods").first
        #expect(snacks?.id == 5 && snacks?.kind == .exactName)
        #expect(Self.index.search("J&J Snack").first?.id == 5)
        #expect(Self.index.search("20/20").first?.id == 6 && Self.index.search("20/20").first?.kind == .namePrefix)
        #expect(Self.index.parse("j j snack").words.count == 3)
        #expect(Self.index.parse("johnson johnson").words.count == 2, "`Johnson & Johnson` without spaces")
        #expect(Self.index.search("johnson johnson").first?.kind == .exactName)
        #expect(Self.index.parse("johnson johnson johnson").words.count == 1, "starts no name: merged")
        #expect(Self.index.search("johnson johnson johnson").first?.id == 9)
    }
}
