import Foundation
import StockSearch

/// The search-eval corpus (`shared/eval/README.md`): the two Nasdaq Trader directory files without test
/// issues, then `intl-listings.csv`. Record ids are row numbers in that order. All listing parsing of the
/// benchmark is in this file, so that it can be swapped for the `StockListing` parsers.
public struct EvalCorpus: Sendable {
    public var records: [SearchRecord] = []

    /// `shared` is the shared data directory beside the repository (holding `data/` and `eval/`).
    public init(shared: URL) throws {
        let us = shared.appendingPathComponent("data/us")
        try loadDirectory(us.appendingPathComponent("nasdaqlisted.txt"), testIssueColumn: 3, etfColumn: 6)
        try loadDirectory(us.appendingPathComponent("otherlisted.txt"), testIssueColumn: 6, etfColumn: 4)
        try loadCSV(shared.appendingPathComponent("eval/intl-listings.csv"))
    }

    /// `nasdaqlisted.txt` / `otherlisted.txt`: `|`-separated, header line, `File Creation Time` footer.
    private mutating func loadDirectory(_ url: URL, testIssueColumn: Int, etfColumn: Int) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            if line.hasPrefix("File Creation Time") { continue }
            let columns = line.split(separator: "|", omittingEmptySubsequences: false)
            guard columns.count > max(testIssueColumn, etfColumn), columns[testIssueColumn] != "Y" else { continue }
            records.append(SearchRecord(
                id: Int64(records.count), ticker: String(columns[0]),
                name: columns[1].trimmingCharacters(in: .whitespaces), isETF: columns[etfColumn] == "Y"))
        }
    }

    /// `intl-listings.csv`: RFC 4180, header `symbol,name,exchange,country,isin,currency,aliases`.
    private mutating func loadCSV(_ url: URL) throws {
        let rows = Self.parseCSV(try String(contentsOf: url, encoding: .utf8))
        for row in rows.dropFirst() where row.count >= 7 {
            let aliases = row[6].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            records.append(SearchRecord(id: Int64(records.count), ticker: row[0], name: row[1], aliases: aliases))
        }
    }

    /// Splits RFC 4180 text into rows of fields (quoted fields may hold commas, quotes and line breaks).
    public static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n", "\r":
                if scalar == "\r", pending == "\n" { pending = iterator.next() }
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}

/// One line of `search-dev.tsv`.
public struct DevQuery: Sendable {
    public var query: String
    public var category: String
    public var k: Int
    public var expected: Set<String>

    public static func load(_ url: URL) throws -> [DevQuery] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 4, let k = Int(columns[2]) else { return nil }
            let expected = columns[3].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            return DevQuery(query: String(columns[0]), category: String(columns[1]), k: k, expected: Set(expected))
        }
    }
}
