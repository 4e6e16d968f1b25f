import Foundation
import Testing
@testable import StockListing

@Suite("Generic CSV listings")
struct CSVListingTests {
    @Test("quoted fields, doubled quotes, BOM, CRLF and aliases")
    func quoting() throws {
        let text = "\u{FEFF}symbol,name,exchange,country,isin,currency,aliases\r\n"
            + "GLE.PA,Société Générale S.A.,PAR,France,FR0000130809,EUR,Societe Generale;SocGen\r\n"
            + "\"BRK.B\",\"Berkshire Hathaway, Inc.\",NYSE,,,USD,\r\n"
            + "X.ME,\"\"\"Quoted\"\" Name\nOn Two Lines\",MOEX,Russia,,RUB,\r\n"
            + "7203.T,トヨタ自動車,JPX,Japan,,JPY,TOYOTA MOTOR CORPORATION\r\n"
        let listing = try ListingFile.parse(text: text, fileName: "a.csv")
        #expect(listing.format == .csv)
        #expect(listing.records.map(\.symbol) == ["GLE.PA", "BRK.B", "X.ME", "7203.T"])
        #expect(listing.records[0].aliases == ["Societe Generale", "SocGen"])
        #expect(listing.records[0].isin == "FR0000130809")
        #expect(listing.records[1].name == "Berkshire Hathaway, Inc.")
        #expect(listing.records[1].country == nil)
        #expect(listing.records[2].name == "\"Quoted\" Name\nOn Two Lines")
        #expect(listing.records[3].name == "トヨタ自動車")
    }

    @Test("only symbol and name are required, in any order and case")
    func minimalHeader() throws {
        let listing = try ListingFile.parse(text: "Name,Symbol\nApple Inc.,AAPL\n", fileName: "b.csv")
        #expect(listing.records == [ListingRecord(symbol: "AAPL", name: "Apple Inc.")])
    }

    @Test("malformed rows are reported with their line numbers")
    func malformedRows() throws {
        let text = """
            symbol,name,exchange
            AAPL,Apple Inc.,NASDAQ
            MSFT,Microsoft
            ,No Symbol,NYSE
            AAPL,Apple again,NASDAQ
            "BAD,unterminated,NYSE
            """
        let listing = try ListingFile.parse(text: text, fileName: "c.csv")
        #expect(listing.records.map(\.symbol) == ["AAPL"])
        #expect(listing.problems.map(\.line) == [3, 4, 5, 6])
    }

    @Test("an optional price column gives reference prices; a bad price skips its row with a message")
    func referencePrices() throws {
        let text = "symbol,name,price\nAAPL,Apple,229.50\nVTBR,VTB,0.0240\n7203.T,Toyota,2700\nNONE,No price,\n"
            + "BAD1,Negative,-3\nBAD2,Zero,0.00\nBAD3,Too fine,1.23456\nBAD4,Words,ten\n"
        let listing = try ListingFile.parse(text: text, fileName: "p.csv")
        #expect(listing.records.map(\.symbol) == ["AAPL", "VTBR", "7203.T", "NONE"])
        #expect(listing.records.map(\.referencePrice) == ["229.50", "0.0240", "2700", nil])
        #expect(listing.problems.map(\.line) == [6, 7, 8, 9])
        #expect(listing.problems[0].description == #"p.csv:6: the price of BAD1 must be a positive decimal with at most 4 decimals, found "-3""#)
    }

    @Test("optional previous_close and market_cap columns; a bad value skips its row with a message")
    func referenceColumns() throws {
        let text = "symbol,name,price,previous_close,market_cap\nAAPL,Apple,231.59,232.63,3400000000000.00\n"
            + "SAP.DE,SAP,201.5,,\nBAD1,Negative close,1,-2,\nBAD2,Cap in words,1,1,lots\nBAD3,Signed cap,1,1,-5\n"
        let listing = try ListingFile.parse(text: text, fileName: "r.csv")
        #expect(listing.records.map(\.symbol) == ["AAPL", "SAP.DE"])
        #expect(listing.records.map(\.previousClose) == ["232.63", nil])
        #expect(listing.records.map(\.marketCap) == ["3400000000000", nil])
        #expect(listing.problems.map(\.line) == [4, 5, 6])
        #expect(listing.problems[0].message.hasPrefix("the previous close of BAD1 must be a positive decimal"))
        #expect(listing.problems[1].message.hasPrefix("the market cap of BAD2 must be an unsigned decimal"))
    }

    @Test("the bundled listing reads whole, with real reference prices for the US rows it could join and hand-set ones elsewhere")
    func bundledListing() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/securities.csv").path
        let listing = try ListingFile.parse(path: path)
        #expect(listing.problems.isEmpty)
        #expect((250...350).contains(listing.records.count))
        let bySymbol = Dictionary(uniqueKeysWithValues: listing.records.map { ($0.symbol, $0) })
        #expect(bySymbol["BRK.B"]?.referencePrice == "495.82")
        #expect(bySymbol["BRK.B"]?.previousClose == "496.86")
        #expect(bySymbol["BRK.B"]?.marketCap == "1093933303969")
        // No real price data exists for these (an ETF, a German and a Japanese share): they keep a hand-set
        // reference price in their own currency, and no previous close or market cap is invented.
        #expect(bySymbol["7203.T"]?.referencePrice == "2700")
        #expect(["SPY", "SAP.DE", "7203.T"].allSatisfy {
            bySymbol[$0]?.referencePrice != nil && bySymbol[$0]?.previousClose == nil && bySymbol[$0]?.marketCap == nil
        })
    }

    @Test("a file that is not a listing is refused with a clear message")
    func notAListing() {
        #expect(throws: ListingError.self) { try ListingFile.parse(text: "hello,world\n1,2\n", fileName: "d.csv") }
        #expect(throws: ListingError.self) { try ListingFile.parse(text: "", fileName: "e.csv") }
        #expect(throws: ListingError.self) {
            try ListingFile.parse(data: Data([0xFF, 0xFE, 0x00, 0x41]), fileName: "f.bin")
        }
        do {
            _ = try ListingFile.parse(text: "#!/bin/sh\necho hi\n", fileName: "g.sh")
        } catch {
            #expect("\(error)".contains("g.sh: not a listing file"))
        }
    }

    @Test("the international eval listing keeps accents, Japanese and Cyrillic intact", SharedData.required)
    func realInternational() throws {
        let listing = try ListingFile.parse(path: SharedData.path("eval/intl-listings.csv"))
        #expect(listing.records.count == 7_771)
        #expect(listing.problems.isEmpty)
        let bySymbol = Dictionary(uniqueKeysWithValues: listing.records.map { ($0.symbol, $0) })
        #expect(bySymbol["GLE.PA"]?.name == "Société Générale S.A.")
        #expect(bySymbol["7203.T"]?.name == "トヨタ自動車")
        #expect(bySymbol["7203.T"]?.aliases.contains("TOYOTA MOTOR CORPORATION") == true)
        #expect(bySymbol["SBER.ME"]?.aliases.contains { $0.contains("Сбербанк") } == true)
    }
}
