import Foundation
import Testing

@Suite("stocktracker import")
struct ImportCommandTests {
    static let listing = """
        symbol,name,exchange,aliases
        AAPL,Apple Inc. - Common Stock,NASDAQ,iPhone
        NESN.SW,Nestlé SA,EBS,Nestle
        BAD
        7203.T,トヨタ自動車,JPX,TOYOTA MOTOR CORPORATION

        """

    @Test("prints the counts, reports a malformed row with its line, and is idempotent")
    func importsAndReimports() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(Self.listing, to: "listing.csv")
        let database = folder.path("db.sqlite")
        let first = try CommandRunner.run(["import", file, "--db", database])
        #expect(first.status == 0)
        #expect(first.standardOutput.contains("inserted 3, updated 0, unchanged 0, skipped 1"))
        #expect(first.standardError.contains("listing.csv:4:"))
        let second = try CommandRunner.run(["import", file, "--db", database])
        #expect(second.standardOutput.contains("inserted 0, updated 0, unchanged 3"))
    }

    @Test("a file that is not a listing exits non-zero with a message and changes nothing")
    func refusesNonListing() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write(Self.listing, to: "listing.csv")
        let bad = try folder.write("<html>not a listing</html>\n", to: "page.html")
        let database = folder.path("db.sqlite")
        let result = try CommandRunner.run(["import", good, bad, "--db", database])
        #expect(result.status != 0)
        #expect(result.standardError.contains("page.html: not a listing file"))
        #expect(result.standardError.contains("nothing was changed"))
        let search = try CommandRunner.run(["search", "AAPL", "--db", database, "--format", "json"])
        #expect(search.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test("a screener file never inserts a security or rewrites a name; it only sets missing reference prices")
    func screenerIsReferenceDataOnly() throws {
        let folder = try TemporaryFolder()
        let listing = try folder.write(Self.listing, to: "listing.csv")
        let screener = try folder.write("""
            [{"symbol":"AAPL","name":"Apple Inc. Common Stock","lastsale":"$229.5","netchange":"1.5",\
            "pctchange":"0.66%","volume":"100","marketCap":"3400000000000","country":"United States",\
            "ipoyear":"1980","industry":"Computers","sector":"Technology","url":"/market-activity/stocks/aapl"},
             {"symbol":"ZZZZ","name":"Not In The Listing Corp","lastsale":"$1.00","netchange":"0","pctchange":"0%",\
            "volume":"1","marketCap":"1","country":"","ipoyear":"","industry":"","sector":"","url":""}]

            """, to: "screener.json")
        let database = folder.path("db.sqlite")
        #expect(try CommandRunner.run(["import", listing, "--db", database]).status == 0)
        let result = try CommandRunner.run(["import", screener, "--db", database])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("inserted 0, updated 0, unchanged 0"))
        #expect(result.standardOutput.contains("reference prices set 1"))
        let apple = try CommandRunner.run(["search", "AAPL", "--db", database, "--format", "json", "--limit", "1"])
        #expect(apple.standardOutput.contains("\"name\":\"Apple Inc. - Common Stock\""))
        #expect(apple.standardOutput.contains("\"exchange\":\"NASDAQ\""))
        #expect(apple.standardOutput.contains("\"last_price\":229.5"))
        let unknown = try CommandRunner.run(["search", "ZZZZ", "--db", database, "--format", "json"])
        #expect(!unknown.standardOutput.contains("ZZZZ"))
    }

    @Test("--update-only updates listed securities, never adds one, and sets their reference data")
    func updateOnly() throws {
        let folder = try TemporaryFolder()
        let listing = try folder.write(Self.listing, to: "listing.csv")
        let reference = try folder.write("""
            symbol,name,exchange,aliases,price,previous_close,market_cap
            AAPL,Apple Inc. - Common Stock,NASDAQ,iPhone,309.35,311.30,4514709583000
            MSFT,Microsoft Corporation,NASDAQ,,483.24,481.15,3588320603071

            """, to: "reference.csv")
        let database = folder.path("db.sqlite")
        #expect(try CommandRunner.run(["import", listing, "--db", database]).status == 0)
        let result = try CommandRunner.run(["import", "--update-only", reference, "--db", database])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("inserted 0, updated 0, unchanged 1, not listed 1"))
        #expect(result.standardOutput.contains("reference prices set 1, market caps set 1"))
        let apple = try CommandRunner.run(["search", "AAPL", "--db", database, "--format", "json", "--limit", "1"])
        #expect(apple.standardOutput.contains(#""last_price":309.35"#))
        #expect(apple.standardOutput.contains(#""previous_close":311.3,"change":-1.95,"change_percent":-0.6264"#))
        let microsoft = try CommandRunner.run(["search", "MSFT", "--db", database, "--format", "json"])
        #expect(!microsoft.standardOutput.contains("MSFT"))
    }

    @Test("a missing file is a clear error")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner.run(["import", folder.path("nope.csv"), "--db", folder.path("db.sqlite")])
        #expect(result.status != 0)
        #expect(result.standardError.contains("nope.csv"))
    }
}
