/// success@k and MRR@10 computed like `shared/eval/search-eval`: the rank of the first result whose ticker
/// is expected, within the first 10.
public struct RelevanceReport: Sendable {
    public struct Line: Sendable {
        public var category: String
        public var n = 0
        public var k = 0
        public var successes = 0
        public var reciprocalRanks = 0.0

        public var success: Double { Double(successes) / Double(max(1, n)) }
        public var mrr: Double { reciprocalRanks / Double(max(1, n)) }
    }

    public var lines: [Line] = []
    public var all = Line(category: "ALL")
    public var misses: [(query: DevQuery, rank: Int?, first: String?)] = []

    /// `answer` gives the tickers of the first 10 results of a query, best first.
    public init(queries: [DevQuery], answer: (String) -> [String]) {
        for query in queries {
            let tickers = answer(query.query).prefix(10)
            let rank = tickers.firstIndex { query.expected.contains($0.trimmingCharacters(in: .whitespaces).uppercased()) }
                .map { $0 + 1 }
            let success = rank.map { $0 <= query.k } ?? false
            let reciprocal = rank.map { 1.0 / Double($0) } ?? 0
            if let index = lines.firstIndex(where: { $0.category == query.category }) {
                lines[index].add(success: success, reciprocal: reciprocal)
            } else {
                var line = Line(category: query.category, k: query.k)
                line.add(success: success, reciprocal: reciprocal)
                lines.append(line)
            }
            all.add(success: success, reciprocal: reciprocal)
            if !success { misses.append((query, rank, tickers.first)) }
        }
    }

    public var success: Double { all.success }
}

extension RelevanceReport.Line {
    mutating func add(success: Bool, reciprocal: Double) {
        n += 1
        successes += success ? 1 : 0
        reciprocalRanks += reciprocal
    }
}
