import Testing
@testable import StockSearch

/// ISINs and CUSIPs: check digits, and the exact-match tier they make.
@Suite struct SecurityCodeTests {
    static let index = SearchIndex(records: [
        SearchRecord(id: 1, ticker: "NESN.SW", name: "Nestlé SA", isin: "CH0038863350"),
        SearchRecord(id: 2, ticker: "ASML.AS", name: "ASML Holding", isin: "NL0010273215"),
        SearchRecord(id: 3, ticker: "ASME.DE", name: "ASML Holding N.V.", isin: "NL0010273215"),
        SearchRecord(id: 4, ticker: "APC.DE", name: "Apple Inc.", isin: "US0378331005"),
        SearchRecord(id: 5, ticker: "RY", name: "Royal Bank Of Canada Common Stock", cusip: "780087102"),
        SearchRecord(id: 6, ticker: "BAD", name: "Broken Code Inc.", isin: "CH0038863351", cusip: "780087103"),
        // A ticker whose letters and digits spell another security's ISIN finds that security by ISIN first.
        SearchRecord(id: 7, ticker: "CH00388633.50", name: "Odd Ticker Fund"),
    ])

    @Test(arguments: ["CH0038863350", "NL0010273215", "US0378331005", "DE0007164600", "GB0002634946", "US5949181045"])
    func validISINs(_ code: String) {
        #expect(SecurityCode.isinKey(code.utf8) != nil)
        #expect(SecurityCode.isinKey(code.lowercased().unicodeScalars.map(\.value)) == SecurityCode.isinKey(code.utf8))
    }

    @Test(arguments: ["CH0038863351", "NL0010273216", "US0378331006", "0H0038863350", "CH003886335X", "CH003886335",
                      "CH00388633500", "CH00388-3350"])
    func nearISINsAreNotISINs(_ code: String) {
        #expect(SecurityCode.isinKey(code.utf8) == nil)
    }

    @Test func cusipCheckDigits() {
        #expect(SecurityCode.cusipKey("037833100".utf8) != nil)   // Apple
        #expect(SecurityCode.cusipKey("594918104".utf8) != nil)   // Microsoft
        #expect(SecurityCode.cusipKey("38259P508".utf8) != nil)   // Google: a letter inside
        #expect(SecurityCode.cusipKey("037833101".utf8) == nil)
        #expect(SecurityCode.cusipKey("38259P509".utf8) == nil)
        #expect(SecurityCode.cusipKey("03783310".utf8) == nil)
        #expect(SecurityCode.cusip(inISIN: "US0378331005") == "037833100")
        #expect(SecurityCode.cusip(inISIN: "CH0038863350") == nil)
    }

    @Test func anISINFindsItsSecuritiesFirst() {
        let hits = Self.index.search("CH0038863350")
        #expect(hits.first?.id == 1)
        #expect(hits.first?.kind == .isin && hits.first?.field == .isin)
        #expect(hits.first?.matchedText == "CH0038863350" && hits.first?.ranges == [0..<12])
        #expect(Self.index.search("nl0010273215").prefix(2).map(\.id) == [2, 3], "every listing with the ISIN")
        #expect(Self.index.search("ch 0038863350").first?.id == 1, "spaces are not part of an ISIN")
        #expect(Self.index.search("CH00388633.50").first?.kind == .isin)
    }

    @Test func aCUSIPFindsItsSecurity() {
        let given = Self.index.search("780087102").first
        #expect(given?.id == 5 && given?.kind == .cusip && given?.field == .cusip && given?.matchedText == "780087102")
        let inISIN = Self.index.search("037833100").first
        #expect(inISIN?.id == 4 && inISIN?.kind == .cusip && inISIN?.matchedText == "037833100")
    }

    @Test func wrongCheckDigitsFallThroughToTheNormalSearch() {
        #expect(!Self.index.search("CH0038863351").contains { $0.kind == .isin }, "the stored ISIN is not valid")
        #expect(!Self.index.search("780087103").contains { $0.kind == .cusip })
        #expect(Self.index.search("NL0010273216").isEmpty)
        #expect(Self.index.search("nesn.sw").first?.kind == .exactTicker)
    }
}
