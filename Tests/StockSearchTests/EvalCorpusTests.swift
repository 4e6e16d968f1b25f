import Foundation
import SearchEval
import StockSearch
import Testing

/// The real eval corpus and dev queries (`shared/eval`), when present next to the repository.
@Suite struct EvalCorpusTests {
    static let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")
    static let available = FileManager.default.fileExists(
        atPath: shared.appendingPathComponent("eval/search-dev.tsv").path)

    @Test(.enabled(if: available, "shared/eval is not next to the repository: the eval corpus test is skipped"))
    func devQueries() throws {
        let corpus = try EvalCorpus(shared: Self.shared)
        #expect(corpus.records.count == 12_488 + 7_771)
        let index = SearchIndex(records: corpus.records)
        let queries = try DevQuery.load(Self.shared.appendingPathComponent("eval/search-dev.tsv"))
        let report = RelevanceReport(queries: queries) { query in
            index.search(query, limit: 10).map { corpus.records[Int($0.id)].ticker }
        }
        for miss in report.misses where ["exact_symbol", "symbol_variant", "exact_name"].contains(miss.query.category) {
            Issue.record("\(miss.query.category) \(miss.query.query): got \(miss.first ?? "nothing") first")
        }
        #expect(report.success >= 0.97, "success \(report.success), misses \(report.misses.map(\.query.query))")
        // What `stocktracker index verify` checks: every security is found first by its exact ticker
        // (also ISIN-like ones such as `SE0001852419.SW`, and `ACP$A` next to `AC.PA`).
        let lost = corpus.records.filter { index.search($0.ticker, limit: 1).first?.id != $0.id }.map(\.ticker)
        #expect(lost.isEmpty, "not first for their own ticker: \(lost.prefix(20))")

        // The second round's labelled queries (`benchmarks/search`): every ISIN first, the other kinds mostly.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let secondRound = try DevQuery.load(repository.appendingPathComponent("benchmarks/search/second-round-queries.tsv"))
        let secondReport = RelevanceReport(queries: secondRound) { query in
            index.search(query, limit: 10).map { corpus.records[Int($0.id)].ticker }
        }
        #expect(Set(secondReport.lines.map(\.category))
                == ["isin", "initialism", "typo_first_letter", "typo_two_edits", "partial"])
        for line in secondReport.lines {
            #expect(line.n >= 20, "\(line.category): \(line.n) queries")
            #expect(line.success >= (line.category == "isin" ? 1 : 0.85), "\(line.category): \(line.success)")
        }
        #expect(report.all.mrr >= 0.98, "dev MRR \(report.all.mrr)")
    }
}
