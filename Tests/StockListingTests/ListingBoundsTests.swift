import Foundation
import Testing
@testable import StockListing

/// Hostile and broken input: every case gets a bounded, clear answer and the rows around it are still read.
@Suite("Listing input bounds")
struct ListingBoundsTests {
    static let csvHeader = "symbol,name,exchange\n"

    static func parse(_ bytes: [UInt8], limits: ListingLimits = .default, chunkBytes: Int = 65_536) throws
        -> ParsedListing
    {
        try ListingFile.parse(.memory(bytes, chunkBytes: chunkBytes), fileName: "h.csv", limits: limits)
    }

    static func parse(_ text: String, limits: ListingLimits = .default) throws -> ParsedListing {
        try parse(Array(text.utf8), limits: limits)
    }

    static func limits(records: Int = 1_000_000, problems: Int = 10_000) -> ListingLimits {
        ListingLimits(
            maxLineBytes: 64, maxFieldBytes: 16, maxLinesPerRow: 3, maxRecords: records, maxProblems: problems,
            maxJSONObjectBytes: 256)
    }

    @Test("an overlong line is reported with its line and skipped; the rows after it are read")
    func overlongLine() throws {
        let long = String(repeating: "x", count: ListingLimits.default.maxLineBytes + 10)
        let text = Self.csvHeader + "AAPL,Apple,NASDAQ\nLONG,\(long),NYSE\nMSFT,Microsoft,NASDAQ\n"
        let listing = try Self.parse(text)
        #expect(listing.records.map(\.symbol) == ["AAPL", "MSFT"])
        #expect(listing.problems.map(\.description) == ["h.csv:3: the line is longer than 16384 bytes"])
    }

    @Test("a line at the limit is read; CRLF does not count against it")
    func lineAtLimit() throws {
        let name = String(repeating: "n", count: 64 - "A,,X".count)
        let limits = ListingLimits(
            maxLineBytes: 64, maxFieldBytes: 64, maxLinesPerRow: 3, maxRecords: 10, maxProblems: 10,
            maxJSONObjectBytes: 256)
        let listing = try Self.parse("symbol,name,exchange\r\nA,\(name),X\r\nB,\(name)n,X\r\nC,c,X\r\n", limits: limits)
        #expect(listing.records.map(\.symbol) == ["A", "C"])
        #expect(listing.problems.map(\.line) == [3])
    }

    @Test("an overlong field is reported and skipped, in CSV and in the Nasdaq directory")
    func overlongField() throws {
        let long = String(repeating: "y", count: ListingLimits.default.maxFieldBytes + 1)
        let csv = try Self.parse(Self.csvHeader + "AAPL,\"\(long)\",NASDAQ\nMSFT,Microsoft,NASDAQ\n")
        #expect(csv.records.map(\.symbol) == ["MSFT"])
        #expect(csv.problems.map(\.description) == ["h.csv:2: field 2 is longer than 4096 bytes"])
        let nasdaq = try Self.parse(
            NasdaqDirectoryLayout.nasdaqListedHeader + "\nLONG|\(long)|Q|N|N|100|N|N\nAAPL|Apple Inc.|Q|N|N|100|N|N\n")
        #expect(nasdaq.records.map(\.symbol) == ["AAPL"])
        #expect(nasdaq.problems.map(\.line) == [2])
    }

    @Test("a NUL byte skips its row with a message, in CSV and in the Nasdaq directory")
    func nulByte() throws {
        let csv = try Self.parse(
            Array((Self.csvHeader + "AAPL,Apple,NASDAQ\nEVIL,Ev").utf8) + [0]
                + Array("il,NYSE\nMSFT,Microsoft,NASDAQ\n".utf8))
        #expect(csv.records.map(\.symbol) == ["AAPL", "MSFT"])
        #expect(csv.problems.map(\.description) == ["h.csv:3: the line holds a NUL byte"])
        let nasdaq = try Self.parse(
            Array((NasdaqDirectoryLayout.nasdaqListedHeader + "\nEVIL|Evil").utf8) + [0]
                + Array("|Q|N|N|100|N|N\nAAPL|Apple Inc.|Q|N|N|100|N|N\n".utf8))
        #expect(nasdaq.records.map(\.symbol) == ["AAPL"])
        #expect(nasdaq.problems.map(\.line) == [2])
    }

    @Test("invalid UTF-8 skips its row, not the whole file")
    func invalidUTF8() throws {
        let bytes = Array((Self.csvHeader + "AAPL,Apple,NASDAQ\nBAD,Caf").utf8) + [0xC3, 0x28]
            + Array(",PAR\nGLE.PA,Société Générale,PAR\n".utf8)
        let listing = try ListingFile.parse(data: Data(bytes), fileName: "u.csv")
        #expect(listing.records.map(\.symbol) == ["AAPL", "GLE.PA"])
        #expect(listing.problems.map(\.description) == ["u.csv:3: the line is not valid UTF-8"])
    }

    @Test("an unclosed quote is reported on its line and does not swallow the rows after it")
    func unclosedQuote() throws {
        let text = Self.csvHeader + "AAPL,Apple,NASDAQ\n\"BAD,unterminated,NYSE\nMSFT,Microsoft,NASDAQ\n"
            + "\"BRK.B\",\"Berkshire Hathaway, Inc.\",NYSE\nTSLA,Tesla,NASDAQ\nNVDA,Nvidia,NASDAQ\nIBM,IBM,NYSE\n"
        let listing = try Self.parse(text)
        #expect(listing.records.map(\.symbol) == ["AAPL", "MSFT", "BRK.B", "TSLA", "NVDA", "IBM"])
        #expect(listing.problems.map(\.line) == [3])
        #expect(listing.problems[0].message.contains("quoted field"))
    }

    @Test("a quoted line break spans lines up to the limit; past it the row is reported and the next lines read")
    func quotedLineBreaks() throws {
        let within = try Self.parse(Self.csvHeader + "X.ME,\"One\nTwo\nThree\",MOEX\nB,b,X\n", limits: Self.limits())
        #expect(within.records.map(\.name) == ["One\nTwo\nThree", "b"])
        #expect(within.problems.isEmpty)
        let past = try Self.parse(
            Self.csvHeader + "X.ME,\"One\nTwo\nThree\nFour\",MOEX\nB,b,X\n", limits: Self.limits())
        #expect(past.records.map(\.symbol) == ["B"])
        #expect(past.problems.map(\.line) == [2, 3, 4, 5])
        let atEnd = try Self.parse(Self.csvHeader + "A,a,X\nB,\"b\n", limits: Self.limits())
        #expect(atEnd.records.map(\.symbol) == ["A"])
        #expect(atEnd.problems.map(\.description) == ["h.csv:3: a quoted field is not closed within 3 lines"])
    }

    @Test("chunk boundaries anywhere, LF and CRLF mixed, give the same rows")
    func chunkBoundaries() throws {
        let text = "\u{FEFF}symbol,name,exchange\r\nAAPL,Apple,NASDAQ\nX.ME,\"Two\r\nLines\",MOEX\r\n"
            + "GLE.PA,Société Générale,PAR\r\nEND,End,X"
        let whole = try Self.parse(Array(text.utf8))
        #expect(whole.records.map(\.symbol) == ["AAPL", "X.ME", "GLE.PA", "END"])
        #expect(whole.records[1].name == "Two\nLines")
        for chunk in 1...9 {
            let listing = try Self.parse(Array(text.utf8), chunkBytes: chunk)
            #expect(listing.records == whole.records, "chunks of \(chunk) bytes")
        }
    }

    @Test("too many malformed rows or too many rows refuse the file")
    func fileBounds() {
        let bad = Self.csvHeader + String(repeating: "only-one-field\n", count: 6)
        #expect(throws: ListingError.self) { try Self.parse(bad, limits: Self.limits(problems: 5)) }
        #expect((try? Self.parse(bad, limits: Self.limits(problems: 6)))?.problems.count == 6)
        let many = Self.csvHeader + (1...4).map { "S\($0),n,X\n" }.joined()
        #expect(throws: ListingError.self) { try Self.parse(many, limits: Self.limits(records: 3)) }
        #expect((try? Self.parse(many, limits: Self.limits(records: 4)))?.records.count == 4)
    }

    @Test("a file that is not text is refused with a clear message")
    func notText() throws {
        for (bytes, reason) in [
            ([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0x0A], "line 1: the line holds a NUL byte"),
            (Array(repeating: UInt8(ascii: "s"), count: 100), "line 1: the line is longer than 64 bytes"),
            ([0xC3, 0x28, 0x0A], "line 1: the line is not valid UTF-8"),
        ] {
            do {
                _ = try Self.parse(bytes, limits: Self.limits())
                Issue.record("\(bytes.prefix(8)) was read as a listing")
            } catch {
                #expect("\(error)" == "h.csv: not a text listing: \(reason)")
            }
        }
    }

    @Test("a file that cannot be read, or a folder, is refused with a clear message")
    func unreadable() {
        for path in ["/nonexistent/listing.csv", FileManager.default.temporaryDirectory.path] {
            #expect {
                try ListingFile.parse(path: path)
            } throws: { error in
                "\(error)".hasPrefix("\(path): cannot read the file")
            }
        }
    }

    @Test("a file is read in chunks from disk, with the same rows as in memory", SharedData.required)
    func streamsFromDisk() throws {
        let path = SharedData.path("data/us/otherlisted.txt")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > ByteReader.fileChunkBytes * 4)
        let fromDisk = try ListingFile.parse(path: path)
        let inMemory = try ListingFile.parse(.memory(bytes, chunkBytes: 1_000), fileName: path, limits: .default)
        #expect(fromDisk.records == inMemory.records)
        #expect(fromDisk.records.count == 7_064)
    }
}
