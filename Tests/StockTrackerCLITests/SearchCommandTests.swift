import Foundation
import Testing

@Suite("stocktracker search and index")
struct SearchCommandTests {
    struct Result: Decodable {
        var ticker: String
        var name: String
        var last_price: Double?
    }

    static func database(in folder: borrowing TemporaryFolder) throws -> String {
        let file = try folder.write(ImportCommandTests.listing, to: "listing.csv")
        let database = folder.path("db.sqlite")
        let result = try CommandRunner.run(["import", file, "--db", database])
        try #require(result.status == 0, "import failed: \(result.standardError)")
        return database
    }

    @Test("batch mode answers each stdin line with one JSON array line, in order")
    func batchJSON() throws {
        let folder = try TemporaryFolder()
        let database = try Self.database(in: folder)
        let output = try CommandRunner.run(
            ["search", "--db", database, "--format", "json", "--limit", "3"],
            input: "aapl\nnestle\nトヨタ\nzzzzqqqq\n\n")
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        let answers = try lines.map { try JSONDecoder().decode([Result].self, from: Data($0.utf8)) }
        #expect(answers[0].first?.ticker == "AAPL")
        #expect(answers[1].first?.ticker == "NESN.SW")
        #expect(answers[2].first?.ticker == "7203.T")
        #expect(answers[3].isEmpty)
        #expect(answers[4].isEmpty)
    }

    @Test("one query prints a table")
    func table() throws {
        let folder = try TemporaryFolder()
        let database = try Self.database(in: folder)
        let output = try CommandRunner.run(["search", "apple", "--db", database])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix(" 1  AAPL"))
    }

    @Test("a missing database is a clear error, not an empty one created")
    func missingDatabase() throws {
        let folder = try TemporaryFolder()
        let output = try CommandRunner.run(["search", "apple", "--db", folder.path("none.sqlite")])
        #expect(output.status != 0)
        #expect(output.standardError.contains("no database"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("none.sqlite")))
    }

    @Test("index verify finds every security first by its ticker; stats counts them")
    func indexTool() throws {
        let folder = try TemporaryFolder()
        let database = try Self.database(in: folder)
        let verify = try CommandRunner.run(["index", "verify", "--db", database])
        #expect(verify.status == 0)
        #expect(verify.standardOutput.contains("3 found first"))
        let stats = try CommandRunner.run(["index", "stats", "--db", database])
        #expect(stats.standardOutput.hasPrefix("records 3,"))
    }
}
