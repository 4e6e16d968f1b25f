#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fallback of multi-word queries that no document matches in full (`nestle water usa`): documents are
/// ranked by the query words they hold, rarer words weighing more, as the optional words of Meilisearch and
/// Algolia do.
extension SearchIndex {
    /// Queries of more words than this get no fallback (a long text is not a name typed in part).
    static let maxPartialWords = 8
    /// Postings taken per query word (its best documents, plus as many of its near words' documents).
    static let partialPostingsPerWord = 64

    /// Weighs each query word by the square of its inverse document frequency, `ln(N / n)²` for `n` postings
    /// of the word itself when the dictionary has it, else of the words it starts, else of its near words (the
    /// square, so that one rare word outweighs two common ones: `amazon` over `web services`), times a position
    /// factor from nearly 2 for the first word down to 1 for the last (the last words are dropped first, as
    /// Meilisearch and Algolia do), and adds each
    /// document holding some query words in one field, scored by the weight it lacks, then by the number of
    /// words it holds only through a near word (a typo). Candidates are the best `partialPostingsPerWord`
    /// documents of each word and of its near words: at most `maxPartialWords * partialPostingsPerWord * 2`
    /// entries, each checked on its tokens.
    func collectPartialMatches(_ query: Query, _ collector: inout Collector) {
        guard query.words.count > 1, query.words.count <= Self.maxPartialWords else { return }
        let words = storage.words
        let documents = Double(max(1, storage.records.count))
        var weights = [Int](repeating: 0, count: query.words.count)
        for (index, word) in query.words.enumerated() {
            var count = words.postings.total(word.prefixRange)
            if let first = word.prefixRange.first, words.keys.length(first) == word.scalars.count {
                count = words.postings.range(first).count
            }
            if count == 0 { count = word.near.reduce(0) { $0 + words.postings.range($1.term).count } }
            guard count > 0 else { continue }
            let frequency = log(documents / Double(count))
            // Earlier words weigh more (a name is typed first): the first of n words by (2n - 1)/n, the last by 1.
            let position = Double(2 * query.words.count - 1 - index) / Double(query.words.count)
            weights[index] = max(1, Int(frequency * frequency * position))
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return }
        var entries: [UInt32] = []
        for (word, weight) in zip(query.words, weights) where weight > 0 {
            words.best(in: word.prefixRange, prefixLength: word.scalars.count, need: Self.partialPostingsPerWord) {
                entries.append($0)
            }
            var nearBudget = Self.partialPostingsPerWord
            for (term, _) in word.near where nearBudget > 0 {
                let postings = words.postings.entries[words.postings.range(term)].prefix(nearBudget)
                entries.append(contentsOf: postings)
                nearBudget -= postings.count
            }
        }
        entries.sort()
        var previous = UInt32.max
        for entry in entries where entry != previous {
            previous = entry
            let (held, typos) = heldWeight(query, weights, entry: entry)
            if held > 0 {
                collector.add(Candidate(tier: .partial, score: (total - held) * 4 + min(typos, 3), entry: entry))
            }
        }
    }

    /// The total weight of the query words that start a word of the field of `entry` or are near one, and how
    /// many of them are only near one.
    private func heldWeight(_ query: Query, _ weights: [Int], entry: UInt32) -> (weight: Int, typos: Int) {
        let tokens = tokens(of: Int(Posting.document(entry)), field: Int(Posting.field(entry)))
        var held = 0
        var typos = 0
        for (word, weight) in zip(query.words, weights) where weight > 0 {
            var best: Int?
            for token in tokens {
                guard let cost = word.cost(to: token.word) else { continue }
                best = min(best ?? cost, cost)
                if cost == 0 { break }
            }
            guard let best else { continue }
            held += weight
            if best > 0 { typos += 1 }
        }
        return (held, typos)
    }
}
