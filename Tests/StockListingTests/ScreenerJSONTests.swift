import Foundation
import Testing
@testable import StockListing

@Suite("Nasdaq stock-screener JSON")
struct ScreenerJSONTests {
    static func object(
        _ symbol: String, lastsale: String = "$10.00", netchange: String = "0.10", marketCap: String = "",
        extra: String = ""
    ) -> String {
        #"{"symbol": "\#(symbol)", "name": "\#(symbol) Inc. Common Stock", "lastsale": "\#(lastsale)", "#
            + #""netchange": "\#(netchange)", "pctchange": "1.0%", "volume": "1200", "marketCap": "\#(marketCap)", "#
            + #""country": "United States", "ipoyear": "", "industry": "", "sector": ""\#(extra)}"#
    }

    static func parse(_ text: String, limits: ListingLimits = .default, chunkBytes: Int = 65_536) throws
        -> ParsedListing
    {
        try ListingFile.parse(.memory(Array(text.utf8), chunkBytes: chunkBytes), fileName: "s.json", limits: limits)
    }

    @Test("reads the screener's fields, spells symbols as the directory does, keeps prices exact")
    func fields() throws {
        let text = """
            [
              {"symbol": "BRK/B", "name": "Berkshire Hathaway Inc.", "lastsale": "$495.82", "netchange": "-1.04", "pctchange": "-0.209%", "volume": "4624913", "marketCap": "1093933303969.00", "country": "United States", "ipoyear": "", "industry": "", "sector": "", "url": "/market-activity/stocks/brk/b"},
              \(Self.object("BAC^K", lastsale: "$24.1", netchange: "0.005", marketCap: "0.00")),
              \(Self.object("DCOM^", lastsale: "$0.0009", netchange: "0.0001")),
              \(Self.object("ECC           ", lastsale: "$0.45", netchange: "0.45")),
              {"symbol": "RAC/WS", "name": "Rac Warrant", "lastsale": "$1.5", "netchange": "", "sector": "Finance",
               "industry": "Blank Checks", "volume": ""}
            ]
            """
        let listing = try Self.parse(text)
        #expect(listing.format == .nasdaqScreener)
        #expect(listing.problems.isEmpty)
        #expect(listing.records.map(\.symbol) == ["BRK.B", "BAC$K", "DCOM$", "ECC", "RAC.W"])
        #expect(listing.records.map(\.referencePrice) == ["495.82", "24.1", "0.0009", "0.45", "1.5"])
        #expect(listing.records.map(\.previousClose) == ["496.86", "24.095", "0.0008", nil, nil])
        #expect(listing.records.map(\.marketCap) == ["1093933303969", nil, nil, nil, nil])
        #expect(listing.records.map(\.volume) == [4_624_913, 1_200, 1_200, 1_200, nil])
        #expect(listing.records[0].name == "Berkshire Hathaway Inc.")
        #expect(listing.records[0].sector == nil && listing.records[4].sector == "Finance")
        #expect(listing.records[4].industry == "Blank Checks")
        #expect(listing.records.allSatisfy { $0.currency == "USD" && $0.exchange.isEmpty })
    }

    @Test("escapes, a BOM, one long line and any chunk boundary read alike")
    func encoding() throws {
        let objects = (1...30).map { Self.object("S\($0)") }.joined(separator: ",")
        let text = "\u{FEFF} [" + #"{"symbol": "NESN", "name": "Nestl\u00e9 \"SA\" \ud83d\udcc8\/"},"# + objects + "]"
        let whole = try Self.parse(text)
        #expect(whole.records.count == 31)
        #expect(whole.records[0].name == "Nestlé \"SA\" 📈/")
        for chunk in [1, 2, 3, 7] {
            #expect(try Self.parse(text, chunkBytes: chunk).records == whole.records, "chunks of \(chunk) bytes")
        }
        #expect(try Self.parse("[]").records.isEmpty)
    }

    @Test("a bad member skips its object with file and line; the objects after it are read")
    func badMembers() throws {
        let long = String(repeating: "z", count: ListingLimits.default.maxFieldBytes + 1)
        let text = "[\n" + [
            Self.object("AAA"),
            Self.object("BAD1", lastsale: "$-3"),
            Self.object("BAD2", lastsale: "$1.00", netchange: "2.00"),
            Self.object("BAD3", marketCap: "lots"),
            Self.object("BAD4", extra: #", "summary": "\#(long)""#),
            #"{"symbol": "BAD5", "name": "Lone \udc00 surrogate"}"#,
            #"{"name": "No symbol"}"#,
            Self.object("AAA"),
            Self.object("ZZZ"),
        ].joined(separator: ",\n") + "\n]\n"
        let listing = try Self.parse(text)
        #expect(listing.records.map(\.symbol) == ["AAA", "ZZZ"])
        #expect(listing.problems.map(\.line) == [3, 4, 5, 6, 7, 8, 9])
        #expect(listing.problems[0].description.hasPrefix("s.json:3: the last sale of BAD1 must be a positive price"))
        #expect(listing.problems[1].message == "the net change of BAD2 (2.00) is larger than its last sale (1.00)")
        #expect(listing.problems[3].message == "a string is longer than 4096 bytes")
        #expect(listing.problems[4].message == "a string holds an unpaired UTF-16 surrogate")
        #expect(listing.problems[6].message == "AAA appears twice in the file")
    }

    @Test("invalid UTF-8 in a string and an oversized object skip their objects")
    func boundedObjects() throws {
        let bytes = Array("[\(Self.object("AAA")),\n{\"symbol\": \"BAD\", \"name\": \"Caf".utf8) + [0xC3, 0x28]
            + Array("\"},\n\(Self.object("ZZZ"))]".utf8)
        let listing = try ListingFile.parse(.memory(bytes), fileName: "s.json", limits: .default)
        #expect(listing.records.map(\.symbol) == ["AAA", "ZZZ"])
        #expect(listing.problems.map(\.description) == ["s.json:2: a string is not valid UTF-8"])
        let limits = ListingLimits(
            maxLineBytes: 64, maxFieldBytes: 64, maxLinesPerRow: 1, maxRecords: 10, maxProblems: 10,
            maxJSONObjectBytes: 300)
        let big = #"{"symbol": "BIG", "name": "Big""# + String(repeating: #", "k": "0123456789""#, count: 40) + "}"
        let sized = try Self.parse("[\(Self.object("AAA")),\(big),\(Self.object("ZZZ"))]", limits: limits)
        #expect(sized.records.map(\.symbol) == ["AAA", "ZZZ"])
        #expect(sized.problems.map(\.message) == ["the object is larger than 300 bytes"])
    }

    @Test("broken JSON refuses the file with its line")
    func malformed() {
        for (text, line, reason) in [
            ("[\n\(Self.object("A"))\n\(Self.object("B"))]", 3, "expected `,` or `]` after an object"),
            ("[\(Self.object("A"))] trailing", 1, "text after the closing `]`"),
            (#"[{"symbol": {"nested": 1}}]"#,
             1, "a nested object or array (a screener security has only flat values)"),
            (#"[{"symbol": "A", "name": "unterminated"#, 1, "the JSON ends too early"),
            ("[\"just a string\"]", 1, "expected an object"),
            (#"[{"symbol": 01}]"#, 1, "expected a value"),
            ("[{\"name\": \"tab\there\"}]", 1, "a control character inside a string"),
        ] {
            do {
                _ = try Self.parse(text)
                Issue.record("read as a listing: \(text.prefix(40))")
            } catch {
                #expect("\(error)" == "s.json:\(line): not a Nasdaq screener listing: \(reason)")
            }
        }
    }

    @Test("a JSON \\u0000 escape skips its object, as a NUL byte skips a line")
    func escapedNUL() throws {
        let input = Array(#"[{"symbol": "A\u0000", "name": "x"}, {"symbol": "B", "name": "y"}]"#.utf8)
        let listing = try ListingFile.parse(.memory(input), fileName: "n.json", limits: .default)
        #expect(listing.records.map(\.symbol) == ["B"])
        #expect(listing.problems.map(\.description) == ["n.json:1: a string holds a NUL character"])
    }

    static let screenerFolder = SharedData.path("data/us/nasdaq-screener-2026-08-21")

    @Test(
        "the real screener files read whole, and their symbols meet the directory's spellings",
        .enabled(
            if: FileManager.default.fileExists(atPath: screenerFolder),
            "../shared/data/us/nasdaq-screener-2026-08-21 is absent"),
        SharedData.required)
    func realScreener() throws {
        var screener = [ListingRecord]()
        for exchange in ["nasdaq", "nyse", "amex"] {
            let listing = try ListingFile.parse(path: Self.screenerFolder + "/\(exchange)_full_tickers.json")
            #expect(listing.format == .nasdaqScreener)
            #expect(listing.problems.isEmpty)
            screener += listing.records
        }
        #expect(screener.count == 4_179 + 2_711 + 292)
        let directory = try ["nasdaqlisted.txt", "otherlisted.txt"].flatMap {
            try ListingFile.parse(path: SharedData.path("data/us/\($0)")).records.map(\.symbol)
        }
        let known = Set(directory)
        #expect(screener.allSatisfy { !$0.symbol.contains { "/^ ".contains($0) } })
        let missing = screener.filter { !known.contains($0.symbol) }
        #expect(missing.count <= 423)  // the data README: the two snapshots' dates and coverage differ
        let classes = screener.filter { $0.symbol.contains { ".$".contains($0) } }
        #expect(classes.count == 396)
        #expect(classes.filter { known.contains($0.symbol) }.count >= 380)
        let bySymbol = Dictionary(uniqueKeysWithValues: screener.map { ($0.symbol, $0) })
        #expect(
            ["BRK.B", "BF.B", "BAC$K", "DCOM$", "ECC", "AAPL"].allSatisfy { known.contains($0) && bySymbol[$0] != nil })
        #expect(bySymbol["BRK.B"]?.referencePrice == "495.82")
        #expect(bySymbol["BRK.B"]?.previousClose == "496.86")
        #expect(bySymbol["BRK.B"]?.marketCap == "1093933303969")
    }
}
