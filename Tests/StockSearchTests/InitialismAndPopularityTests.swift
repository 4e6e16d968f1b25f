import Testing
@testable import StockSearch

/// Initialisms of names (with and without legal forms and stop words, camel case split), and market caps as
/// the last tie-breaker inside a tier.
@Suite struct InitialismAndPopularityTests {
    static let index = SearchIndex(records: [
        SearchRecord(id: 1, ticker: "TSM", name: "Taiwan Semiconductor Manufacturing Company Ltd.", marketCap: 2e12),
        SearchRecord(id: 2, ticker: "RY", name: "Royal Bank Of Canada Common Stock", marketCap: 3e11),
        SearchRecord(id: 3, ticker: "RKBC", name: "Rocky Bay Capital Inc.", marketCap: 1e8),
        SearchRecord(id: 4, ticker: "JPM", name: "JPMorgan Chase & Co. Common Stock", marketCap: 9e11),
        SearchRecord(id: 5, ticker: "BLK", name: "BlackRock, Inc. Common Stock"),
        SearchRecord(id: 6, ticker: "NVDA", name: "NVIDIA Corporation - Common Stock"),
        SearchRecord(id: 7, ticker: "RBC", name: "RBC Bearings Incorporated Common Stock"),
        SearchRecord(id: 8, ticker: "ALBE", name: "Alpha Beta Corp", marketCap: 5e11),
        SearchRecord(id: 9, ticker: "ALBC", name: "Alpha Beta Capital"),
        SearchRecord(id: 10, ticker: "XTSMC", name: "Xtra Small Caps Fund"),
    ])

    func ids(_ query: String) -> [Int64] { Self.index.search(query).map(\.id) }

    @Test func initialismsOfSignificantWords() {
        #expect(ids("tsm").first == 1, "exact ticker")
        #expect(Self.index.search("tsmc").first?.id == 1, "with the legal form `Company`")
        #expect(Self.index.search("tsmc").first?.kind == .initialism)
        #expect(Self.index.search("tsmc").first?.ranges == [0..<1, 7..<8, 21..<22, 35..<36])
        #expect(ids("tsmcl").first == 1, "with both legal forms")
        #expect(ids("rboc").first == 2, "with the stop word")
        #expect(!ids("rbcs").contains(2), "the security description is not part of the name")
    }

    @Test func camelCaseGivesTheInitialOfEachPart() {
        #expect(ids("jpmc").first == 4)
        #expect(ids("br").contains(5))
        #expect(Initialism.initials(of: "NVIDIA Corporation", words: WordSplitter.foldAndSplitText("NVIDIA Corporation"))
                == nil, "a word of capitals longer than three gives one initial")
        #expect(Initialism.initials(of: "AT&T Inc.", words: WordSplitter.foldAndSplitText("AT&T Inc."))
                == [[0x61, 0x74], [0x74], [0x69]])
        #expect(Initialism.initials(of: "TOYOTA MOTOR CORP", words: WordSplitter.foldAndSplitText("TOYOTA MOTOR CORP"))
                == nil, "text in capitals only has no camel case")
    }

    @Test func exactTickerAndExactNameComeBeforeInitialisms() {
        let hits = Self.index.search("rbc")
        #expect(hits.first?.id == 7 && hits.first?.kind == .exactTicker)
        #expect(Array(hits.map(\.id).prefix(3)) == [7, 2, 3], "then the initialisms, the larger bank first")
        #expect(hits.dropFirst().prefix(2).allSatisfy { $0.kind == .initialism })
        #expect(Self.index.search("tsmc").firstIndex { $0.id == 10 }.map { $0 > 0 } ?? true,
                "a ticker holding the letters ranks after the initialism")
    }

    @Test func smallCompaniesInitialismsComeAfterPrefixMatches() {
        let index = SearchIndex(records: [
            SearchRecord(id: 1, ticker: "PFE", name: "Pfizer, Inc. Common Stock", marketCap: 1.6e11),
            SearchRecord(id: 2, ticker: "PRFI", name: "Prudent Fixed Income Corp", marketCap: 2e8),
            SearchRecord(id: 3, ticker: "PGF", name: "Pacific Gas Fund", marketCap: 3e10),
            SearchRecord(id: 4, ticker: "CNI", name: "Canadian National Railway Company Common Stock", marketCap: 7e10),
        ])
        #expect(index.search("pfi").map(\.id) == [1, 2], "Pfizer typed, then the small fund's initialism")
        #expect(index.search("pfi").last?.kind == .initialism)
        #expect(index.search("pgf").first?.kind == .exactTicker)
        #expect(index.search("cnr").first?.id == 4 && index.search("cnrc").first?.id == 4,
                "with and without `Company`: both significant")
    }

    @Test func theSignificantInitialismBeforeOneWithALegalForm() {
        // Alpha Beta Capital's core name spells `abc`; Alpha Beta Corp's only with its legal form: the
        // significant one first, however large the other.
        #expect(Array(ids("abc").prefix(2)) == [9, 8])
    }

    @Test func anInitialismThatTheTickerStartsWithComesFirst() {
        let index = SearchIndex(records: [
            SearchRecord(id: 1, ticker: "DELL", name: "Dell Technologies Inc. Class C Common Stock", marketCap: 2.8e11),
            SearchRecord(id: 2, ticker: "DLTR", name: "Dollar Tree, Inc. - Common Stock", marketCap: 2.5e10),
            SearchRecord(id: 3, ticker: "DTE.DE", name: "Deutsche Telekom AG", marketCap: 4e10),
            SearchRecord(id: 4, ticker: "DT", name: "Dynatrace, Inc. Common Stock", marketCap: 1.4e10),
            SearchRecord(id: 5, ticker: "DTX", name: "Data Technics Corp", marketCap: 3e8),
            SearchRecord(id: 6, ticker: "DRT", name: "Dart Trading Corp", marketCap: 2e8),
        ])
        let hits = index.search("dt")
        // The ticker; the initialism that the ticker also starts with, though the two others are larger or
        // primary listings; then by market cap; the small ones after the prefix tiers.
        #expect(hits.map(\.id) == [4, 3, 1, 2, 5, 6])
        #expect(hits[1].kind == .initialism && hits[1].ranges == [0..<1, 9..<10])
        #expect(hits[4].kind == .tickerPrefix, "a small company's ticker that starts with the letters")
        #expect(hits[5].kind == .initialism && hits[5].ranges == [0..<1, 5..<6], "small: after the prefix tiers")
        #expect(index.search("dte").first?.id == 3 && index.search("dte").first?.kind == .tickerPrefix,
                "a longer prefix of the ticker is a ticker prefix")
    }

    @Test func stockAndSharesInsideANameDoNotStartItsDescription() {
        let index = SearchIndex(records: [
            SearchRecord(id: 1, ticker: "LSE.L", name: "London Stock Exchange Group PLC"),
            SearchRecord(id: 2, ticker: "LONS", name: "Londonderry Mining Inc."),
            SearchRecord(id: 3, ticker: "GLD", name: "SPDR Gold Shares"),
            SearchRecord(id: 4, ticker: "AALG", name: "Leverage Shares 2X Long AAL Daily ETF"),
            SearchRecord(id: 5, ticker: "CCIF", name: "Carlyle Credit Income Fund Shares of Beneficial Interest"),
        ])
        #expect(index.search("lseg").first?.id == 1 && index.search("lseg").first?.kind == .initialism,
                "`Stock Exchange Group` is part of the name")
        #expect(index.search("lseg").first?.ranges == [0..<1, 7..<8, 13..<14, 22..<23])
        #expect(index.search("lse").first?.id == 1)
        #expect(index.search("london stock exchange").first?.kind == .exactName)
        #expect(index.search("london").first?.kind == .namePrefix, "no longer the core name")
        #expect(index.search("spdr gold").first?.kind == .exactName, "`Shares` at the end is the description")
        #expect(index.search("leverage").first?.kind == .exactName, "before a number")
        #expect(index.search("carlyle credit income fund").first?.kind == .exactName, "before `of`")
    }

    @Test func popularityBreaksTiesInsideATier() {
        let index = SearchIndex(records: [
            SearchRecord(id: 1, ticker: "AMIN", name: "Alpha Mining Inc.", marketCap: 1e6),
            SearchRecord(id: 2, ticker: "BGMC", name: "Beta Gold Mining Corp", marketCap: 5e10),
            SearchRecord(id: 3, ticker: "CMIN", name: "Gamma Mining Ltd"),
            SearchRecord(id: 4, ticker: "MINE", name: "Global Mining ETF", isETF: true, marketCap: 1e12),
            SearchRecord(id: 5, ticker: "MNCO", name: "Mining Co"),
        ])
        let hits = index.search("mining")
        #expect(hits.map(\.id) == [5, 2, 1, 3, 4],
                "exact name, then word prefixes by market cap (unknown last), the ETF after the companies")
        #expect(hits[0].kind == .exactName && hits[1].kind == .wordPrefix)
        let unknown = SearchIndex(records: [
            SearchRecord(id: 1, ticker: "AMIN", name: "Alpha Mining Inc."),
            SearchRecord(id: 2, ticker: "BGMC", name: "Beta Gold Mining Corp"),
        ])
        #expect(unknown.search("mining").map(\.id) == [1, 2], "without caps, the shorter name first")
        #expect(StaticRank.popularity(nil) == 0 && StaticRank.popularity(0.5) == 0)
        #expect(StaticRank.popularity(1e12) > StaticRank.popularity(5e11))
    }
}
