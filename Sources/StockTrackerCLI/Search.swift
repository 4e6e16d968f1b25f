import ArgumentParser
import Foundation
import NIOCore
import StockServer
import StockTerminal

/// `stocktracker search [QUERY]`: the fuzzy-search CLI over the local database.
struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search securities in the local database.",
        discussion: "Without QUERY, reads one query per line from standard input and answers each with one line.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "What to look for: a ticker, a name, a part of either.")
    var query: String?

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many results (1 to 50).")
    var limit = 10

    @Option(help: "table (for people) or json (one JSON array per query, the API's objects).")
    var format = Format.table

    func validate() throws {
        guard (1...50).contains(limit) else { throw ValidationError("--limit must be from 1 to 50") }
    }

    func run() async throws {
        try database.requireExistingSQLiteFile()
        let search = try await database.withStores { stores in try await SecuritySearch.load(from: stores.securities) }
        let output = SearchOutput(format: format)
        if let query {
            print(output.render(query: query, results: search.search(query, limit: limit)))
            return
        }
        // One answer line per query line, written unbuffered so a program driving stdin gets it at once.
        while let line = readLine(strippingNewline: true) {
            let answer = output.render(query: line, results: search.search(line, limit: limit))
            FileHandle.standardOutput.write(Data((answer + "\n").utf8))
        }
    }
}

/// Renders search results as a table for people or as one line of JSON for programs.
struct SearchOutput {
    let format: Search.Format

    func render(query: String, results: [SecuritySearch.Result]) -> String {
        switch format {
        case .json:
            var buffer = ByteBuffer()
            SecurityJSONWriter.write(results.map(SecurityJSON.init), into: &buffer)
            return String(buffer: buffer)
        case .table:
            guard !results.isEmpty else { return "no match for \"\(query)\"" }
            return results.enumerated().map { rank, result in
                let security = result.security
                let price = security.lastPrice.map { "\($0)" } ?? "-"
                // Columns by display width, so that Japanese names keep the table aligned.
                func column(_ text: String, _ width: Int, alignRight: Bool = false) -> String {
                    StyledLine.column(text, width: width, alignRight: alignRight).plainText
                }
                return [
                    column(String(rank + 1), 2, alignRight: true), column(security.ticker, 10),
                    column(security.name, 60), column(security.exchange, 10), column(price, 10, alignRight: true),
                    result.hit.kind.rawValue,
                ].joined(separator: "  ")
            }.joined(separator: "\n")
        }
    }
}
