/// The candidates of one search: every tier adds the documents it finds, `settle` keeps the best
/// candidate of each document in rank order.
struct Collector {
    let limit: Int
    private(set) var candidates: [Candidate] = []

    init(limit: Int) {
        self.limit = limit
        candidates.reserveCapacity(limit * 4)
    }

    /// How many documents a tier should offer so that the best `limit` survive deduplication.
    var need: Int { limit + candidates.count }

    mutating func add(_ candidate: Candidate) { candidates.append(candidate) }

    /// Number of candidates (after `settle`: documents) ranked in a tier above `tier`.
    func count(below tier: Tier) -> Int { candidates.count { $0.tier < tier } }

    /// Keeps one candidate per document (its best), sorted best first; returns whether `limit` documents
    /// are already found, so that lower tiers cannot change the result.
    @discardableResult
    mutating func settle() -> Bool {
        guard candidates.count > 1 else { return candidates.count >= limit }
        candidates.sort { ($0.document, $0.packed) < ($1.document, $1.packed) }
        var kept = 0
        for index in candidates.indices where kept == 0 || candidates[kept - 1].document != candidates[index].document {
            candidates[kept] = candidates[index]
            kept += 1
        }
        candidates.removeLast(candidates.count - kept)
        candidates.sort()
        return candidates.count >= limit
    }
}
