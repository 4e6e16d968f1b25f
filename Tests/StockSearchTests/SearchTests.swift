import Testing
@testable import StockSearch

/// Behaviour of `SearchIndex.search` on small hand-made corpora.
@Suite struct SearchTests {
    static let records: [SearchRecord] = [
        SearchRecord(id: 1, ticker: "AAPL", name: "Apple Inc. - Common Stock"),
        SearchRecord(id: 2, ticker: "APLE", name: "Apple Hospitality REIT, Inc. Common Shares"),
        SearchRecord(id: 3, ticker: "PAPL", name: "Pineapple Financial Inc. Common Stock"),
        SearchRecord(id: 4, ticker: "T", name: "AT&T Inc."),
        SearchRecord(id: 5, ticker: "TSLA", name: "Tesla, Inc.  - Common Stock"),
        SearchRecord(id: 6, ticker: "BRK.A", name: "Berkshire Hathaway Inc. Common Stock"),
        SearchRecord(id: 7, ticker: "BRK.B", name: "Berkshire Hathaway Inc. New Common Stock"),
        SearchRecord(id: 8, ticker: "BAC", name: "Bank of America Corporation Common Stock"),
        SearchRecord(id: 9, ticker: "BAC$K", name: "Bank of America Corporation Depositary Shares, each representing a 1/1,000th interest in a share of 5.875% Non- Cumulative Preferred Stock, Series HH"),
        SearchRecord(id: 10, ticker: "GS", name: "Goldman Sachs Group, Inc. (The) Common Stock"),
        SearchRecord(id: 11, ticker: "GSBD", name: "Goldman Sachs BDC, Inc. Common Stock"),
        SearchRecord(id: 12, ticker: "NVDA", name: "NVIDIA Corporation - Common Stock"),
        SearchRecord(id: 13, ticker: "7203.T", name: "トヨタ自動車", aliases: ["TOYOTA MOTOR CORPORATION"]),
        SearchRecord(id: 14, ticker: "3116.T", name: "トヨタ紡織"),
        SearchRecord(id: 15, ticker: "8306.T", name: "三菱ＵＦＪフィナンシャル・グループ", aliases: ["Mitsubishi UFJ Financial Group, Inc."]),
        SearchRecord(id: 16, ticker: "SZU.DE", name: "Südzucker AG", aliases: ["Südzucker"]),
        SearchRecord(id: 17, ticker: "SBER.ME", name: "Sberbank of Russia", aliases: ["Публичное акционерное общество Сбербанк России"]),
        SearchRecord(id: 18, ticker: "GLE.PA", name: "Société Générale S.A."),
        SearchRecord(id: 19, ticker: "ACHR", name: "Archer Aviation Inc. - Class A Common Stock"),
        SearchRecord(id: 20, ticker: "ACHR.W", name: "Archer Aviation Inc. - Warrants"),
        SearchRecord(id: 21, ticker: "APC.DE", name: "Apple Inc."),
        SearchRecord(id: 22, ticker: "DIS", name: "Walt Disney Company (The) Common Stock"),
        SearchRecord(id: 23, ticker: "ITX.MC", name: "Industria de Diseno Textil, S.A.", aliases: ["Inditex"]),
        SearchRecord(id: 24, ticker: "HEI.A", name: "HEICO Corporation Class A Common Stock"),
        SearchRecord(id: 25, ticker: "WFC$L", name: "Wells Fargo & Company 7.50% Non-Cumulative Perpetual Convertible Class A Preferred Stock, Series L"),
        SearchRecord(id: 26, ticker: "INTC", name: "Intel Corporation - Common Stock"),
        SearchRecord(id: 27, ticker: "ABCD", name: "Intelligent Bio Solutions Inc. - Common Stock"),
        SearchRecord(id: 28, ticker: "CAT", name: "Caterpillar, Inc. Common Stock"),
        SearchRecord(id: 29, ticker: "MSFT", name: "Microsoft Corporation - Common Stock"),
        SearchRecord(id: 30, ticker: "6758.T", name: "ソニーグループ", aliases: ["SONY GROUP CORPORATION"]),
    ]
    static let index = SearchIndex(records: records)

    func ids(_ query: String, limit: Int = 10) -> [Int64] { Self.index.search(query, limit: limit).map(\.id) }
    func first(_ query: String) -> SearchHit? { Self.index.search(query, limit: 10).first }

    @Test func exactTickerComesFirst() {
        #expect(ids("T").first == 4)
        #expect(first("T")?.kind == .exactTicker)
        #expect(first("t")?.field == .ticker)
        #expect(ids("aapl").first == 1)
        #expect(ids("7203.t").first == 13)
    }

    @Test func exactNameBeatsOtherNameMatches() {
        let result = ids("apple")
        #expect(Array(result.prefix(2)) == [1, 21], "Apple Inc. (plain ticker first), then its Xetra listing")
        #expect(result.firstIndex(of: 2)! > 1)
        #expect(result.firstIndex(of: 3).map { $0 > result.firstIndex(of: 2)! } ?? true)
        #expect(first("apple")?.kind == .exactName)
        #expect(Array(ids("apple inc").prefix(2)) == [1, 21], "the name without its description is exact too")
        #expect(first("apple inc")?.kind == .exactName)
        #expect(first("Walt Disney")?.id == 22)
        #expect(first("goldman sachs")?.id == 10)
    }

    @Test func commonStockBeforeWarrants() {
        #expect(Array(ids("archer aviation").prefix(2)) == [19, 20])
        #expect(Array(ids("bank of america").prefix(2)) == [8, 9])
    }

    @Test(arguments: ["BRK.B", "brk-b", "BRK/B", "brk b", "Brk.b"])
    func shareClassVariants(_ query: String) {
        #expect(first(query)?.id == 7)
        #expect(first(query)?.kind == .exactTicker)
    }

    @Test(arguments: ["BAC$K", "BAC-K", "BAC^K", "BAC.PR.K", "bac pr k", "BACpK"])
    func preferredVariants(_ query: String) {
        #expect(first(query)?.id == 9)
    }

    @Test func shareClassAfterTheName() {
        #expect(first("berkshire b")?.id == 7)
        #expect(first("berkshire a")?.id == 6)
        #expect(first("heico a")?.id == 24)
    }

    @Test func tickerAsTypedBeforeAnotherSpellingOfTheSameLetters() {
        let index = SearchIndex(records: [
            SearchRecord(id: 1, ticker: "AC.PA", name: "Accor SA"),
            SearchRecord(id: 2, ticker: "ACP$A", name: "abrdn Income Credit Strategies Fund Preferred Series A"),
            SearchRecord(id: 3, ticker: "SE0001852419.SW", name: "Some Fund"),
        ])
        #expect(index.search("ACP$A").first?.id == 2)
        #expect(index.search("AC.PA").first?.id == 1)
        #expect(index.search("se0001852419.sw").first?.id == 3)
    }

    @Test func moreVariants() {
        #expect(first("wfc.pr.l")?.id == 25)
        #expect(first("hei/a")?.id == 24)
        #expect(first("brk a")?.id == 6)
    }

    @Test func prefixOfOneWord() {
        #expect(ids("nvid").first == 12)
        #expect(ids("berks").prefix(2).sorted() == [6, 7])
        #expect(first("nvid")?.kind == .namePrefix)
    }

    @Test func prefixesOfSeveralWordsInAnyOrder() {
        #expect(ids("gold sac").first == 10)
        #expect(ids("sachs goldman").first == 10)
        #expect(ids("america bank").first == 8)
        #expect(first("sachs goldman")?.kind == .wordPrefix)
    }

    @Test func typosWithinBounds() {
        #expect(ids("nvidai").first == 12)       // transposition counts once
        #expect(ids("teslq").first == 5)        // substitution, 5 letters
        #expect(ids("microsfot").first == 29)   // 9 letters
        #expect(ids("caterpilar").first == 28)  // deletion
        #expect(ids("mircosotf").first == 29)   // two edits, 9 letters
        #expect(first("nvidai")?.kind == .fuzzy)
    }

    @Test func noTyposBelowFourCharactersOrBeyondTheBudget() {
        #expect(!ids("cta").contains(28))          // 3 letters: no typo tolerance
        #expect(!ids("tesxx").contains(5))         // 5 letters, 2 edits
        #expect(!ids("micrxxxft").contains(29))    // 9 letters, 3 edits
        #expect(!ids("intle").isEmpty && ids("intle").first == 26)
    }

    @Test func japaneseWithoutSpaces() {
        #expect(ids("トヨタ").contains(13))
        #expect(ids("トヨタ自動車").first == 13)
        #expect(ids("三菱UFJ").first == 15)
        #expect(ids("自動車").contains(13))
        #expect(ids("ソニー").first == 30)
    }

    @Test func aliasesAndOtherScripts() {
        #expect(first("toyota motor")?.id == 13)
        #expect(first("toyota motor")?.field == .alias)
        #expect(first("inditex")?.id == 23)
        #expect(ids("Сбербанк").first == 17)
        #expect(ids("сбербанк").first == 17)
    }

    @Test(arguments: ["suedzucker", "südzucker", "Sudzucker", "SÜDZUCKER"])
    func germanSpellings(_ query: String) {
        #expect(first(query)?.id == 16)
    }

    @Test(arguments: ["societe generale", "Société Générale", "SOCIETE GENERALE"])
    func diacritics(_ query: String) {
        #expect(first(query)?.id == 18)
    }

    @Test func highlightRanges() {
        let exact = first("apple")!
        #expect(exact.matchedText == "Apple Inc. - Common Stock")
        #expect(exact.ranges == [0..<5])
        let prefix = first("nvid")!
        #expect(prefix.ranges == [0..<4])
        let words = first("sachs goldman")!
        #expect(words.ranges == [0..<7, 8..<13])
        let ticker = first("brk-b")!
        #expect(ticker.field == .ticker && ticker.matchedText == "BRK.B" && ticker.ranges == [0..<5])
        let german = first("suedzucker")!
        #expect(german.ranges == [0..<9])
        let kana = Self.index.search("トヨタ").first { $0.id == 13 }!
        #expect(kana.ranges == [0..<3])
    }

    @Test func namesMeetAcrossSpacesButPrefixesFollowWords() {
        let index = SearchIndex(records: [
            SearchRecord(id: 1, ticker: "5310.T", name: "東洋炭素", aliases: ["TOYO TANSO CO.,LTD."]),
            SearchRecord(id: 2, ticker: "TM", name: "Toyota Motor Corporation Common Stock"),
            SearchRecord(id: 3, ticker: "JPM", name: "JP Morgan Chase & Co. Common Stock"),
            SearchRecord(id: 4, ticker: "JMMF", name: "JPMorgan 100% U.S. Treasury Securities Money Market Fund"),
            SearchRecord(id: 5, ticker: "KO", name: "Coca-Cola Company (The) Common Stock"),
            SearchRecord(id: 6, ticker: "8015.T", name: "豊田通商", aliases: ["TOYOTA TSUSHO CORPORATION"]),
        ])
        #expect(index.search("toyota").map(\.id) == [2, 6], "shorter names first, and not TOYO TANSO")
        #expect(index.search("toyo").map(\.id) == [1, 2, 6])
        #expect(index.search("jpmorgan chase").first?.kind == .exactName)
        #expect(index.search("jpmorgan chase").first?.id == 3)
        #expect(index.search("jpmorgan").first?.id == 3, "a fund is not named after its first word")
        #expect(index.search("cocacola").first?.kind == .exactName)
        #expect(index.search("coca cola").first?.ranges == [0..<4, 5..<9])
    }

    @Test func oddRecordsAreIndexedWithoutTrouble() {
        let index = SearchIndex(records: [
            SearchRecord(id: 1, ticker: "", name: ""),
            SearchRecord(id: 2, ticker: "X", name: "   ", aliases: ["", "—"]),
            SearchRecord(id: 3, ticker: "LONG", name: String(repeating: "Word ", count: 400) + "End"),
            SearchRecord(id: 4, ticker: "ß", name: "Straße ﬁnance Ǆ"),
            SearchRecord(id: 5, ticker: "EMOJI", name: "Rocket 🚀 Labs", aliases: Array(repeating: "Alias", count: 40)),
            SearchRecord(id: 6, ticker: "CRLF", name: "Line\r\nBreak\r\nHoldings"),
            SearchRecord(id: 7, ticker: "HUGE", name: String(repeating: "é", count: 70_000) + " Colossal Tail"),
        ])
        #expect(index.count == 7)
        // Highlight ranges count `Character`s (`\r\n` is one) and never pass the text's end.
        #expect(index.search("holdings").first?.ranges == [11..<19])
        for query in ["word", "strasse", "holdings", "break", "colossal", "tail", "colosal"] {
            let hit = index.search(query).first
            #expect(hit != nil, "\(query)")
            if let hit { #expect(hit.ranges.allSatisfy { $0.upperBound <= hit.matchedText.count }, "\(query)") }
        }
        #expect(index.search("x").first?.id == 2)
        #expect(index.search("end").first?.id == 3)
        #expect(index.search("strasse finance").first?.id == 4)
        #expect(index.search("ss").first?.id == 4)
        #expect(index.search("rocket labs").first?.id == 5)
        #expect(index.search("alias").first?.id == 5)
    }

    @Test func emptyAndBlankQueries() {
        #expect(Self.index.search("").isEmpty)
        #expect(Self.index.search("   ").isEmpty)
        #expect(Self.index.search("- / .").isEmpty)
        #expect(Self.index.search("apple", limit: 0).isEmpty)
    }

    @Test func longQueriesFindNothingWithoutCrashing() {
        #expect(Self.index.search(String(repeating: "apple ", count: 300)) == Self.index.search("apple"),
                "repeated words are merged")
        #expect(Self.index.search((0..<300).map { "apple\($0)" }.joined(separator: " ")).isEmpty)
        #expect(Self.index.search(String(repeating: "x", count: 10_000)).isEmpty)
    }

    @Test func limitAndStatistics() {
        #expect(Self.index.search("a", limit: 3).count == 3)
        #expect(Self.index.count == Self.records.count)
        let statistics = Self.index.statistics
        #expect(statistics.records == Self.records.count)
        #expect(statistics.terms > 0 && statistics.postings > 0 && statistics.bytes > 0)
    }

    @Test func concurrentSearchesAgree() async {
        let expected = ids("gold sac")
        await withTaskGroup(of: [Int64].self) { group in
            for _ in 0..<8 { group.addTask { Self.index.search("gold sac").map(\.id) } }
            for await result in group { #expect(result == expected) }
        }
    }
}
