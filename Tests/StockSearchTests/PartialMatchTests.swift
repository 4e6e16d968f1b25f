import Testing
@testable import StockSearch

/// The partial fallback of multi-word queries that no security matches in full.
@Suite struct PartialMatchTests {
    static let index = SearchIndex(records: [
        SearchRecord(id: 1, ticker: "NESN.SW", name: "Nestlé SA"),
        SearchRecord(id: 2, ticker: "WAT", name: "Waters Corporation Common Stock"),
        SearchRecord(id: 3, ticker: "6370.T", name: "Kurita Water Industries Ltd."),
        SearchRecord(id: 4, ticker: "AWK", name: "American Water Works Company, Inc. Common Stock"),
        SearchRecord(id: 5, ticker: "WUSA", name: "Water USA Inc."),
        SearchRecord(id: 6, ticker: "MUSA", name: "Murphy USA Inc. Common Stock"),
        SearchRecord(id: 7, ticker: "BZH", name: "Beazer Homes USA, Inc. Common Stock"),
        SearchRecord(id: 8, ticker: "FIX", name: "Comfort Systems USA, Inc. Common Stock"),
        SearchRecord(id: 9, ticker: "NESTE.HE", name: "Neste"),
        SearchRecord(id: 10, ticker: "GS", name: "Goldman Sachs Group, Inc. (The) Common Stock"),
    ])

    @Test func theRarestWordWeighsMost() {
        // `nestle` is in one name, `water` in four, `usa` in four: Nestlé outweighs the name that holds both
        // common words (a count of matched words would put Water USA first).
        let hits = Self.index.search("nestle water usa")
        #expect(hits.first?.id == 1)
        #expect(hits.first?.kind == .partial)
        #expect(hits.first?.ranges == [0..<6], "the word it holds is highlighted")
        #expect(hits.firstIndex { $0.id == 5 }.map { position in
            hits.filter { $0.id == 2 || $0.id == 3 || $0.id == 6 }.allSatisfy { hit in
                hits.firstIndex { $0.id == hit.id }! > position
            }
        } == true, "two words held rank above one of them")
    }

    @Test func aWordHeldThroughATypoRanksAfterTheSameWordHeldExactly() {
        let hits = Self.index.search("nestle kangaroo")
        #expect(hits.map(\.id).prefix(2) == [1, 9])
        #expect(hits.allSatisfy { $0.kind == .partial })
    }

    @Test func aFullMatchLeavesNoRoomForTheFallback() {
        let hits = Self.index.search("water usa")
        #expect(hits.first?.id == 5 && hits.first?.kind == .exactName)
        #expect(!hits.contains { $0.kind == .partial })
        #expect(Self.index.search("goldman sachs").allSatisfy { $0.kind != .partial })
    }

    @Test func queriesWithoutAnyKnownWordFindNothing() {
        #expect(Self.index.search("kangaroo wallaby").isEmpty)
        #expect(Self.index.search("zzzz").isEmpty, "one word: no fallback")
        let seven = "kangaroo wallaby emu koala dingo quokka numbat"
        #expect(Self.index.search("nestle " + seven).first?.id == 1)
        #expect(Self.index.search("nestle " + seven + " wombat").isEmpty, "nine words: no fallback")
    }
}
