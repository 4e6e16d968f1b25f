import Foundation
import SearchEval
import StockSearch

let shared = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../shared")
let corpus = try EvalCorpus(shared: shared)
let queries = try DevQuery.load(shared.appendingPathComponent("eval/search-dev.tsv"))
let clock = ContinuousClock()
let start = clock.now
let index = SearchIndex(records: corpus.records)
print("build", clock.now - start, "records", index.count)
let PROFILE_N = Int(ProcessInfo.processInfo.environment["PROFILE_N"] ?? "20000")!
if ProcessInfo.processInfo.environment["SYNTH"] != nil {
    let universe = SyntheticUniverse.make(count: 300_000, real: corpus.records)
    let t0 = clock.now
    let c0 = threadCPUNanoseconds()
    let big = SearchIndex(records: universe)
    print("300k build", clock.now - t0, "cpu", Double(threadCPUNanoseconds() - c0) / 1e9, big.statistics)
    print("cpu", LatencySummary.measure(queries.map(\.query), repetitions: 50, clock: threadCPUNanoseconds) { big.search($0, limit: 10).count }.formatted())
    exit(0)
}
if let q = ProcessInfo.processInfo.environment["PROFILE_QUERY"] {
    var n = 0
    var c0 = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0)
    for _ in 0..<PROFILE_N { n += index.search(q, limit: 10).count }
    var c1 = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1)
    print(q, "cpu µs per query", Double((c1.tv_sec - c0.tv_sec) * 1_000_000_000 + (c1.tv_nsec - c0.tv_nsec)) / Double(PROFILE_N) / 1000, n)
    exit(0)
}
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
for q in ["T", "apple", "brk b", "BAC.PR.K", "gold sac", "トヨタ", "三菱UFJ", "suedzucker", "nvidai", "a", "自動車", "Сбербанк", "pineapple", "coca colla"] {
    print("==", q)
    for hit in index.search(q, limit: 6) {
        print("    ", corpus.records[Int(hit.id)].ticker, hit.kind, hit.field, hit.matchedText, hit.ranges)
    }
}
let latency = LatencySummary.measure(queries.map(\.query), repetitions: 200) { index.search($0, limit: 10).count }
print(latency.formatted())
print("cpu", LatencySummary.measure(queries.map(\.query), repetitions: 200, clock: threadCPUNanoseconds) { index.search($0, limit: 10).count }.formatted())
var perQuery: [(String, Double)] = []
for q in queries {
    let s = LatencySummary.measure([q.query], repetitions: 50, clock: threadCPUNanoseconds) { index.search($0, limit: 10).count }
    perQuery.append((q.query, s.p50))
}
for (q, t) in perQuery.sorted(by: { $0.1 > $1.1 }).prefix(40) { print(q, t / 1000) }
