import Foundation
import SearchEval
import StockSearch

/// `search-benchmark SHARED --queries`: answers queries from stdin with the top 3 tickers (for exploring).
func answerQueriesFromStandardInput(_ index: SearchIndex, _ corpus: EvalCorpus) {
    while let line = readLine() {
        let hits = index.search(line, limit: 3)
        let text = hits.map { "\(corpus.records[Int($0.id)].ticker) (\($0.kind.rawValue): \($0.matchedText.prefix(40)))" }
        print("\(line) -> \(text.joined(separator: " | "))")
    }
}
