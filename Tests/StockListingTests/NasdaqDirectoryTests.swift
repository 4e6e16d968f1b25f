import Testing
@testable import StockListing

@Suite("Nasdaq Trader symbol directory")
struct NasdaqDirectoryTests {
    static let nasdaqHeader = NasdaqDirectoryLayout.nasdaqListedHeader
    static let otherHeader = NasdaqDirectoryLayout.otherListedHeader

    @Test("reads rows, skips test issues and the footer, keeps the ETF flag, trims names")
    func smallNasdaqListed() throws {
        let text = """
            \(Self.nasdaqHeader)
            AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N
            QQQ|Invesco QQQ Trust, Series 1|G|N|N|100|Y|N
            ZAZZT|Tick Pilot Test Stock Class A Common Stock|G|Y|N|100||N
            TSLA|Tesla, Inc.  - Common Stock  |Q|N|N|40|N|N
            File Creation Time: 0417202621:31|||||||

            """
        let listing = try ListingFile.parse(text: text, fileName: "nasdaqlisted.txt")
        #expect(listing.format == .nasdaqListed)
        #expect(listing.records.map(\.symbol) == ["AAPL", "QQQ", "TSLA"])
        #expect(listing.records.map(\.isETF) == [false, true, false])
        #expect(listing.records[2].name == "Tesla, Inc.  - Common Stock")
        #expect(listing.records.allSatisfy { $0.exchange == "NASDAQ" })
        #expect(listing.skippedTestIssues == 1)
        #expect(listing.problems.isEmpty)
    }

    @Test("CRLF line endings split like LF ones")
    func crlf() throws {
        let text = "\(Self.otherHeader)\r\nBRK.B|Berkshire Hathaway Inc. New Common Stock|N|BRK.B|N|100|N|BRK.B\r\n"
            + "SPY|SPDR S&P 500 ETF Trust|P|SPY|Y|100|N|SPY\r\nFile Creation Time: 0303202606:00||||||\r\n\r\n"
        let listing = try ListingFile.parse(text: text, fileName: "otherlisted.txt")
        #expect(listing.records.map(\.symbol) == ["BRK.B", "SPY"])
        #expect(listing.records.map(\.exchange) == ["NYSE", "NYSE Arca"])
        #expect(listing.records[1].isETF)
    }

    @Test("a malformed row is reported with file and line and skipped")
    func malformedRow() throws {
        let text = """
            \(Self.nasdaqHeader)
            AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N
            BROKEN|only three|fields
            |No Symbol Inc.|Q|N|N|100|N|N
            MSFT|Microsoft Corporation - Common Stock|Q|N|N|100|N|N
            """
        let listing = try ListingFile.parse(text: text, fileName: "x.txt")
        #expect(listing.records.map(\.symbol) == ["AAPL", "MSFT"])
        #expect(listing.problems.map(\.line) == [3, 4])
        #expect(listing.problems[0].description.hasPrefix("x.txt:3: expected 8"))
    }

    @Test("the real April 2026 directory loads 12,488 securities without test issues", SharedData.required)
    func realDirectory() throws {
        let nasdaq = try ListingFile.parse(path: SharedData.path("data/us/nasdaqlisted.txt"))
        let other = try ListingFile.parse(path: SharedData.path("data/us/otherlisted.txt"))
        #expect(nasdaq.records.count == 5_424)
        #expect(other.records.count == 7_064)
        #expect(nasdaq.skippedTestIssues + other.skippedTestIssues == 33)
        #expect(nasdaq.problems.isEmpty && other.problems.isEmpty)
        let symbols = Set(nasdaq.records.map(\.symbol) + other.records.map(\.symbol))
        #expect(symbols.count == 12_488)
        #expect(symbols.isSuperset(of: ["AAPL", "BRK.B", "BAC$K", "WMT"]))
        #expect(!symbols.contains("ZXYZ.A"))
        #expect(other.records.first { $0.symbol == "AA" }?.name == "Alcoa Corporation Common Stock")
    }

    @Test("the CRLF March 2026 snapshot loads as well", SharedData.required)
    func realCRLFSnapshot() throws {
        let nasdaq = try ListingFile.parse(path: SharedData.path("data/us/snapshot-2026-03-03-crlf/nasdaqlisted.txt"))
        let other = try ListingFile.parse(path: SharedData.path("data/us/snapshot-2026-03-03-crlf/otherlisted.txt"))
        #expect(nasdaq.records.count == 5_363 - 8)
        #expect(other.records.count == 7_018 - 25)
        #expect(nasdaq.problems.isEmpty && other.problems.isEmpty)
        #expect(!nasdaq.records.contains { $0.name.contains("\r") })
    }
}
