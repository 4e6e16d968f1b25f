import Foundation
import StockListing
import StockSearch

/// The search-eval corpus (`shared/eval/README.md`): the two Nasdaq Trader directory files without test
/// issues, then `intl-listings.csv`, read with the app's own `StockListing` parsers. Record ids are row numbers
/// in that order. Each record carries its listing's ISIN, and the market cap and CUSIP that `JoinedFacts`
/// finds for its symbol.
public struct EvalCorpus: Sendable {
    public var records: [SearchRecord] = []

    /// `shared` is the shared data directory beside the repository (holding `data/` and `eval/`).
    public init(shared: URL) throws {
        let files = ["data/us/nasdaqlisted.txt", "data/us/otherlisted.txt", "eval/intl-listings.csv"]
        let joined = try JoinedFacts(shared: shared)
        for file in files {
            for listing in try ListingFile.parse(path: shared.appendingPathComponent(file).path).records {
                records.append(SearchRecord(
                    id: Int64(records.count), ticker: listing.symbol, name: listing.name, aliases: listing.aliases,
                    isETF: listing.isETF, isin: listing.isin.flatMap { $0.isEmpty ? nil : $0 },
                    cusip: joined.cusips[listing.symbol], marketCap: joined.marketCaps[listing.symbol]))
            }
        }
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
