import Foundation
import SearchEval
import StockSearch

/// `search-benchmark SHARED --json`: answers queries from stdin with one JSON array of `{"ticker", "name"}`
/// per line, the protocol of `shared/eval/search-eval --cli`.
func answerQueriesAsJSON(_ index: SearchIndex, _ corpus: EvalCorpus) throws {
    let encoder = JSONEncoder()
    while let line = readLine() {
        let hits = index.search(line, limit: 10).map { hit in
            ["ticker": corpus.records[Int(hit.id)].ticker, "name": corpus.records[Int(hit.id)].name]
        }
        FileHandle.standardOutput.write(try encoder.encode(hits) + Data("\n".utf8))
    }
}

/// `search-benchmark SHARED --queries`: answers queries from stdin with the top 3 tickers (for exploring).
func answerQueriesFromStandardInput(_ index: SearchIndex, _ corpus: EvalCorpus) {
    while let line = readLine() {
        let hits = index.search(line, limit: 3)
        let text = hits.map { "\(corpus.records[Int($0.id)].ticker) (\($0.kind.rawValue): \($0.matchedText.prefix(40)))" }
        print("\(line) -> \(text.joined(separator: " | "))")
    }
}

/// `search-benchmark SHARED --time [--limit N]`: CPU time per query for queries from stdin (warm, 200
/// repetitions).
func timeQueriesFromStandardInput(_ index: SearchIndex, limit: Int) {
    while let line = readLine() {
        let summary = LatencySummary.measure([line], repetitions: 200, clock: threadCPUNanoseconds) {
            index.search($0, limit: limit).count
        }
        print(String(format: "%8.1f µs  %@", summary.p50 / 1000, line))
    }
}

/// `search-benchmark SHARED --verify`: lists the securities that their own ticker does not find first, and
/// those that their name does not find within the first 10 (names shared by many listings, like the
/// structured products named `Credit Agricole S.A.`).
func verifyTickers(_ index: SearchIndex, _ corpus: EvalCorpus) {
    var misses = 0
    for record in corpus.records where index.search(record.ticker, limit: 1).first?.id != record.id {
        misses += 1
        let first = index.search(record.ticker, limit: 1).first.map { corpus.records[Int($0.id)].ticker } ?? "-"
        print("\(record.ticker): first \(first)")
    }
    print("\(misses) of \(corpus.records.count) tickers do not find their security first")
    var nameMisses = 0
    for record in corpus.records where !index.search(record.name, limit: 10).contains(where: { $0.id == record.id }) {
        nameMisses += 1
        if nameMisses <= 50 { print("name: \(record.ticker) \(record.name)") }
    }
    print("\(nameMisses) of \(corpus.records.count) names do not find their security in the first 10")
}

/// `search-benchmark SHARED --tail`: which dev queries make the latency tail. Times the queries interleaved
/// as the latency benchmark does (each query after the others, so caches are as cold as there), on the
/// thread's CPU clock, and lists the slowest by their median.
func listSlowestQueries(_ index: SearchIndex, _ queries: [String], repetitions: Int, count: Int = 25) {
    var timings = [[UInt64]](repeating: [], count: queries.count)
    var sink = 0
    for round in 0...repetitions {
        for (position, query) in queries.enumerated() {
            let start = threadCPUNanoseconds()
            sink &+= index.search(query, limit: 10).count
            if round > 0 { timings[position].append(threadCPUNanoseconds() - start) }
        }
    }
    let summaries = zip(queries, timings.map { LatencySummary(nanoseconds: $0) })
        .sorted { $0.1.p50 > $1.1.p50 }
    print("slowest \(count) of \(queries.count) queries, interleaved, CPU time, \(repetitions) repetitions (\(sink)):")
    for (query, summary) in summaries.prefix(count) {
        print(String(format: "  p50 %6.1f µs  p99 %6.1f µs  %@", summary.p50 / 1000, summary.p99 / 1000, query))
    }
}
