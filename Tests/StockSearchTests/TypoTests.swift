import Testing
@testable import StockSearch

/// Second-round typo tolerance: the first character (costlier than other edits), and two edits from seven
/// characters, each only when nothing closer matches.
@Suite struct TypoTests {
    static let index = SearchIndex(records: [
        SearchRecord(id: 1, ticker: "MSFT", name: "Microsoft Corporation - Common Stock"),
        SearchRecord(id: 2, ticker: "CVX", name: "Chevron Corporation Common Stock"),
        SearchRecord(id: 3, ticker: "AAPL", name: "Apple Inc. - Common Stock"),
        SearchRecord(id: 4, ticker: "NKE", name: "Nike, Inc. Common Stock"),
        SearchRecord(id: 5, ticker: "MIKE", name: "Mike Holdings Inc."),
        SearchRecord(id: 6, ticker: "PEP", name: "PepsiCo, Inc. Common Stock"),
        SearchRecord(id: 7, ticker: "GOOGL", name: "Alphabet Inc. Class A Common Stock"),
        SearchRecord(id: 8, ticker: "ORCL", name: "Oracle Corporation Common Stock"),
        SearchRecord(id: 9, ticker: "MCRS", name: "Macrosoft Ltd"),
        SearchRecord(id: 10, ticker: "QCOM", name: "QUALCOMM Incorporated - Common Stock"),
    ])

    func first(_ query: String) -> SearchHit? { Self.index.search(query).first }

    @Test(arguments: [("Nicrosoft", Int64(1)), ("vhevron", 2), ("zapple", 3), ("qpple", 3), ("lepsico", 6)])
    func firstCharacterTypos(_ query: String, _ id: Int64) {
        #expect(first(query)?.id == id)
        #expect(first(query)?.kind == .fuzzy)
    }

    @Test func aFirstCharacterEditCostsMoreThanAnotherEdit() {
        // `bike` is one first-character edit from `nike` (B is beside N) but not from `mike` (B is far from M).
        // `mikr` is one ordinary edit from `mike`: Nike is not offered.
        #expect(Self.index.search("bike").map(\.id) == [4])
        #expect(Keyboard.neighbours(of: 0x6E).sorted() == Array("bhjm".unicodeScalars.map(\.value)))
        #expect(Self.index.search("mikr").map(\.id) == [5])
        #expect(EditDistance.cost(distance: 1) < EditDistance.cost(distance: 1, firstCharacter: true))
        #expect(EditDistance.cost(distance: 1, firstCharacter: true) < EditDistance.cost(distance: 2))
    }

    @Test func twoEditsFromSevenCharacters() {
        #expect(first("Chevorm")?.id == 2, "a transposition and a substitution in 7 letters")
        #expect(first("oarcel")?.id == nil, "6 letters get one edit only")
        #expect(EditDistance.allowed(forLength: 6) == 1)
        #expect(EditDistance.allowed(forLength: 7) == 2)
    }

    @Test func twoEditsOnlyWhenNothingWithinOneEditMatches() {
        // `microsofx` is one edit from `microsoft` and two from `macrosoft`: only the first is offered.
        #expect(Self.index.search("microsofx").map(\.id) == [1])
        #expect(Self.index.search("macrosofx").map(\.id) == [9])
        // `micrasofx`: nothing within one edit, so two edits are searched.
        #expect(Self.index.search("micrasofx").map(\.id) == [1])
        // `qaulcom` changes the second letter: found only by the last walk, which keeps the first letter alone.
        #expect(Self.index.search("qaulcom").map(\.id) == [10])
        #expect(Self.index.search("orcale").first?.id == 8)
    }

    @Test func exactAndPrefixMatchesStillComeWithoutTypos() {
        #expect(first("nike")?.kind == .exactName)
        #expect(Self.index.search("nike").map(\.id) == [4], "no first-character typo (`mike`) beside an exact name")
    }
}
