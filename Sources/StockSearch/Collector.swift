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
        candidates.keepFirstOfEach(by: \.document) { ($0.document, $0.packed) < ($1.document, $1.packed) }
        candidates.sort()
        return candidates.count >= limit
    }
}

extension Array {
    /// Sorts the elements by `areInIncreasingOrder`, which must order them by `key` first, and keeps the first
    /// element of each key, in place.
    mutating func keepFirstOfEach<Key: Equatable>(by key: (Element) -> Key,
                                                  _ areInIncreasingOrder: (Element, Element) -> Bool) {
        sort(by: areInIncreasingOrder)
        var kept = 0
        for index in indices where kept == 0 || key(self[kept - 1]) != key(self[index]) {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
