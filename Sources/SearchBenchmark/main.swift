import Foundation
import SearchEval
import StockSearch

// search-benchmark [SHARED_DIR] [--json | --queries | --time [--limit N] | --tail | --build | --verify | --no-universe]
//
// Prints build time, index size, query latency, relevance on the dev queries, the SQLite FTS5 trigram
// baseline, and a synthetic 300,000-security universe. SHARED_DIR defaults to `../shared` (the shared data
// next to the repository). With --json it answers queries read from stdin as `search-eval --cli` expects,
// with --queries it shows their top 3, with --time it times them; --tail lists the dev queries that make
// the latency tail; --build times three builds of the synthetic universe, phase by phase; --verify checks
// that every ticker finds its own security first and every name within the first 10; --no-universe stops
// before the synthetic universe.

let arguments = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--") && Int($0) == nil }
let shared = URL(fileURLWithPath: arguments.first ?? "../shared")
let corpus = try EvalCorpus(shared: shared)
let queries = try DevQuery.load(shared.appendingPathComponent("eval/search-dev.tsv"))
let queryTexts = queries.map(\.query)
let repetitions = 200

func seconds(_ nanoseconds: UInt64) -> String { String(format: "%.3f s", Double(nanoseconds) / 1e9) }

func describe(_ statistics: SearchIndexStatistics) -> String {
    "records \(statistics.records), terms \(statistics.terms), postings \(statistics.postings), "
        + "bytes \(statistics.bytes) (\(statistics.bytes / max(1, statistics.records)) bytes/security)"
}

/// Builds an index and reports wall-clock and CPU time (of all threads), and the wall-clock time of each phase.
func timedBuild(_ records: [SearchRecord]) -> (SearchIndex, wall: UInt64, cpu: UInt64, phases: String) {
    var phases: [String] = []
    let wall = monotonicNanoseconds()
    let cpu = processCPUNanoseconds()
    let index = SearchIndex(records: records) { name, duration in
        phases.append(String(format: "%@ %.3f s", name, Double(duration.components.attoseconds) / 1e18
                                + Double(duration.components.seconds)))
    }
    return (index, monotonicNanoseconds() - wall, processCPUNanoseconds() - cpu, phases.joined(separator: ", "))
}

if CommandLine.arguments.contains("--verify") {
    verifyTickers(SearchIndex(records: corpus.records), corpus)
    exit(0)
}
if CommandLine.arguments.contains("--json") {
    try answerQueriesAsJSON(SearchIndex(records: corpus.records), corpus)
    exit(0)
}
if CommandLine.arguments.contains("--queries") {
    answerQueriesFromStandardInput(SearchIndex(records: corpus.records), corpus)
    exit(0)
}
if CommandLine.arguments.contains("--tail") {
    listSlowestQueries(SearchIndex(records: corpus.records), queryTexts, repetitions: repetitions)
    exit(0)
}
if CommandLine.arguments.contains("--build") {
    let universe = SyntheticUniverse.make(count: 300_000, real: corpus.records)
    for run in 1...3 {
        let (_, wall, cpu, phases) = timedBuild(universe)
        print("build \(run), \(universe.count) securities: \(seconds(wall)) wall, \(seconds(cpu)) CPU, load average "
              + "\(loadAverage())\n  phases: \(phases)")
    }
    exit(0)
}
if CommandLine.arguments.contains("--time") {
    let limit = CommandLine.arguments.firstIndex(of: "--limit").flatMap { index in
        CommandLine.arguments.dropFirst(index + 1).first.flatMap { Int($0) }
    } ?? 10
    timeQueriesFromStandardInput(SearchIndex(records: corpus.records), limit: limit)
    exit(0)
}

print("machine: \(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average \(loadAverage())")
print("corpus: \(corpus.records.count) securities, \(queries.count) dev queries")

// MARK: Our index

let (index, buildWall, buildCPU, buildPhases) = timedBuild(corpus.records)
print("\n== StockSearch index")
print("build: \(seconds(buildWall)) wall, \(seconds(buildCPU)) CPU")
print("  phases: \(buildPhases)")
print(describe(index.statistics))
let ours = LatencySummary.measure(queryTexts, repetitions: repetitions) { index.search($0, limit: 10).count }
let oursCPU = LatencySummary.measure(queryTexts, repetitions: repetitions, clock: threadCPUNanoseconds) {
    index.search($0, limit: 10).count
}
print("latency per query (\(repetitions) x \(queries.count) dev queries, limit 10)")
print("  wall: \(ours.formatted())")
print("  CPU:  \(oursCPU.formatted())")

// MARK: Relevance

/// Prints a relevance report per category, its misses and the `search-eval` summary line.
func printRelevance(_ report: RelevanceReport) {
    print("category".padding(toLength: 18, withPad: " ", startingAt: 0) + "   n   k  success   MRR")
    for line in report.lines + [report.all] {
        let k = line.category == "ALL" ? "  -" : String(format: "%3d", line.k)
        print(line.category.padding(toLength: 18, withPad: " ", startingAt: 0)
              + String(format: "%4d ", line.n) + k + String(format: "   %.4f   %.4f", line.success, line.mrr))
    }
    for miss in report.misses {
        print("miss: \(miss.query.query) [\(miss.query.category)] expected \(miss.query.expected.sorted().joined(separator: "|")),"
              + " rank \(miss.rank.map(String.init) ?? "none"), first \(miss.first ?? "-")")
    }
    print(String(format: "success=%.4f mrr=%.4f n=%d", report.success, report.all.mrr, report.all.n))
}

let tickers = { (query: String) in index.search(query, limit: 10).map { corpus.records[Int($0.id)].ticker } }
print("\n== Relevance (success@k, MRR@10; as shared/eval/search-eval)")
let report = RelevanceReport(queries: queries, answer: tickers)
printRelevance(report)
// The labelled queries of the second search round (ISINs, initialisms, first-letter and two-edit typos,
// partial multi-word queries), when run from the repository.
let secondRound = URL(fileURLWithPath: "benchmarks/search/second-round-queries.tsv")
if let extra = try? DevQuery.load(secondRound) {
    print("\n== Relevance of \(secondRound.relativePath) (\(extra.count) queries)")
    printRelevance(RelevanceReport(queries: extra, answer: tickers))
    let extraLatency = LatencySummary.measure(extra.map(\.query), repetitions: repetitions,
                                              clock: threadCPUNanoseconds) { index.search($0, limit: 10).count }
    print("latency of these queries, CPU (\(repetitions) x \(extra.count)): \(extraLatency.formatted())")
}

// MARK: SQLite FTS5 baseline

let ftsStart = monotonicNanoseconds()
let fts = try FTS5Baseline(records: corpus.records)
let ftsBuild = monotonicNanoseconds() - ftsStart
let long = queryTexts.filter { !FTS5Baseline.isShort($0) }
let short = queryTexts.filter(FTS5Baseline.isShort)
print("\n== SQLite \(fts.sqliteVersion) FTS5 trigram, same securities, in memory (build \(seconds(ftsBuild)))")
try fts.queue.read { db in
    print("queries of 3+ characters (\(long.count)): FTS5 MATCH \"query\" ORDER BY rank LIMIT 10")
    for (label, clock) in [("wall", monotonicNanoseconds), ("CPU ", threadCPUNanoseconds)] {
        let ftsLong = LatencySummary.measure(long, repetitions: 20, clock: clock) {
            (try? fts.search($0, in: db))?.count ?? 0
        }
        let oursLong = LatencySummary.measure(long, repetitions: repetitions, clock: clock) {
            index.search($0, limit: 10).count
        }
        print("  \(label) FTS5:        \(ftsLong.formatted())")
        print("  \(label) StockSearch: \(oursLong.formatted())")
        print(String(format: "  \(label) ratio: median %.0fx, p99 %.0fx", ftsLong.p50 / oursLong.p50,
                     ftsLong.p99 / oursLong.p99))
    }
    let ftsShort = LatencySummary.measure(short, repetitions: 20) { (try? fts.search($0, in: db))?.count ?? 0 }
    let oursShort = LatencySummary.measure(short, repetitions: repetitions) { index.search($0, limit: 10).count }
    print("queries of 1-2 characters (\(short.count)): ticker/name LIKE 'q%' LIMIT 10 (trigram cannot index them)")
    print("  FTS5 table:  \(ftsShort.formatted())")
    print("  StockSearch: \(oursShort.formatted())")
    let ftsReport = RelevanceReport(queries: queries) { query in
        ((try? fts.search(query, in: db)) ?? []).map { corpus.records[Int($0)].ticker }
    }
    print(String(format: "  FTS5 relevance: success=%.4f mrr=%.4f (no folding of accents/width/punctuation, no typos)",
                 ftsReport.success, ftsReport.all.mrr))
}

// MARK: Synthetic universe

// --no-universe: stop here (the in-process figures only, to compare builds quickly).
if CommandLine.arguments.contains("--no-universe") { exit(0) }

let universe = SyntheticUniverse.make(count: 300_000, real: corpus.records)
let (big, bigWall, bigCPU, bigPhases) = timedBuild(universe)
print("\n== Synthetic universe: \(universe.count) securities (the corpus + generated ones, seed 42)")
print("build: \(seconds(bigWall)) wall, \(seconds(bigCPU)) CPU")
print("  phases: \(bigPhases)")
print(describe(big.statistics))
let bigLatency = LatencySummary.measure(queryTexts, repetitions: 50) { big.search($0, limit: 10).count }
let bigCPULatency = LatencySummary.measure(queryTexts, repetitions: 50, clock: threadCPUNanoseconds) {
    big.search($0, limit: 10).count
}
print("latency per query (50 x \(queries.count) dev queries)")
print("  wall: \(bigLatency.formatted())")
print("  CPU:  \(bigCPULatency.formatted())")
print("machine load average at the end: \(loadAverage())")
