/// The typo tier of `SearchIndex.search` (see `docs/search.md`).
extension SearchIndex {
    /// Words within their typo budget (and tickers within theirs), ranked by total cost
    /// (`EditDistance.cost`). Searched only when the exact and prefix tiers found fewer than `typoThreshold`
    /// documents (like the typo threshold of other search engines: a query that finds what it names is not a
    /// typo, and the trie walks are the most expensive step). First one edit, also of the first character
    /// (which costs more); only when that finds fewer than `typoThreshold` documents, two edits in words of 7+
    /// characters, keeping their first two characters (or swapping them); only when that finds none either,
    /// two edits keeping the first character alone, for one-word queries (`qaulcom`: the walk is about twice
    /// as long).
    func collectTypos(_ query: inout Query, _ collector: inout Collector) {
        collectTypos(&query, maxDistance: 1, &collector)
        guard query.words.contains(where: { $0.maxDistance > 1 }) || (query.tickerKeys.first?.count ?? 0) >= 7
        else { return }
        if collector.candidates.count < Self.typoThreshold {
            collectTypos(&query, maxDistance: 2, &collector)
        }
        if collector.candidates.count < Self.typoThreshold, query.words.count == 1 {
            collectTypos(&query, maxDistance: 2, anySecondCharacter: true, &collector)
        }
    }

    /// Typo matches are searched for when fewer documents than this are found without them.
    static let typoThreshold = 1

    private func collectTypos(_ query: inout Query, maxDistance: Int, anySecondCharacter: Bool = false,
                              _ collector: inout Collector) {
        for i in query.words.indices where query.words[i].maxDistance > 0 {
            var near: [(term: Int, cost: Int)] = []
            let word = query.words[i]
            storage.wordTrie.terms(near: word.scalars, maxDistance: min(word.maxDistance, maxDistance),
                                   anySecondCharacter: anySecondCharacter) { term, distance in
                if !word.prefixRange.contains(term) { near.append((term, EditDistance.cost(distance: distance))) }
            }
            near.sort { $0.term < $1.term }
            query.words[i].near = near
        }
        collectNearWords(query, minimumCost: 0, &collector)
        // Tickers are typed as one word (`brk b` is a variant, not a typo).
        if query.words.count == 1, let key = query.tickerKeys.first {
            let allowed = min(maxDistance, EditDistance.allowed(forLength: key.count))
            let tickers = storage.tickers
            storage.tickerTrie.terms(near: key, maxDistance: allowed) { term, distance in
                guard distance > 0 else { return }
                for index in tickers.postings.range(term) {
                    collector.add(Candidate(tier: .typo, score: EditDistance.cost(distance: distance),
                                            entry: tickers.postings.entries[index]))
                }
            }
        }
        collector.settle()
        // Edits of the first character cost more than any other edit: they can reach the results only when the
        // other one-edit matches leave room, so only then are they searched.
        guard maxDistance == 1, collector.candidates.count < collector.limit else { return }
        let firstCharacterCost = EditDistance.cost(distance: 1, firstCharacter: true)
        var found = false
        for i in query.words.indices where query.words[i].maxDistance > 0 {
            var near = query.words[i].near
            storage.wordTrie.termsWithFirstCharacterEdit(of: query.words[i].scalars) { term in
                near.append((term, firstCharacterCost))
                found = true
            }
            // One entry per term, its lowest cost.
            near.keepFirstOfEach(by: \.term) { ($0.term, $0.cost) < ($1.term, $1.cost) }
            query.words[i].near = near
        }
        guard found else { return }
        collectNearWords(query, minimumCost: firstCharacterCost, &collector)
        collector.settle()
    }

    /// The documents of the query's near words: for one word, those of its near words of at least
    /// `minimumCost`; for several, the documents matching every word (`collectWordMatches`).
    private func collectNearWords(_ query: Query, minimumCost: Int, _ collector: inout Collector) {
        guard query.words.count == 1 else {
            collectWordMatches(query, typos: true, &collector)
            return
        }
        let words = storage.words
        for (term, cost) in query.words[0].near where cost >= minimumCost {
            for index in words.postings.range(term).prefix(collector.need) {
                collector.add(Candidate(tier: .typo, score: cost, entry: words.postings.entries[index]))
            }
        }
    }
}
