import Foundation
import StockSearch

let shared = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../shared")
let corpus = try EvalCorpus(shared: shared)
let queries = try DevQuery.load(shared.appendingPathComponent("eval/search-dev.tsv"))
let clock = ContinuousClock()
let start = clock.now
let index = SearchIndex(records: corpus.records)
print("build", clock.now - start, "records", index.count)
let report = RelevanceReport(queries: queries) { query in
    index.search(query, limit: 10).map { corpus.records[Int($0.id)].ticker }
}
for line in report.lines { print(line.category, line.n, Double(line.successes) / Double(line.n)) }
print("success", report.success)
for miss in report.misses {
    print("MISS", miss.query.query, miss.query.expected.sorted(), "rank", miss.rank as Any, "first", miss.first ?? "-")
    for hit in index.search(miss.query.query, limit: 5) {
        print("    ", corpus.records[Int(hit.id)].ticker, hit.kind, hit.matchedText, hit.ranges)
    }
}
