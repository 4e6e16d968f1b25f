/// An in-memory search index over securities: ISINs and CUSIPs, exact and prefix matches on tickers, names and
/// aliases, initialisms, word prefixes in any order, matches inside words, typo matches, and partial matches of
/// multi-word queries, ranked as described in `docs/search.md`.
///
/// Immutable once built; safe to share between threads.
public final class SearchIndex: Sendable {
    let storage: IndexStorage

    /// Folds, splits and indexes `records` (normalization runs once per record, here). `phase` is called
    /// after each step of the build with its name and wall-clock time (the benchmark prints them).
    public init(records: [SearchRecord], phase: ((String, Duration) -> Void)? = nil) {
        storage = SearchIndexBuilder.build(records, phase: phase)
    }

    /// Number of indexed records.
    public var count: Int { storage.records.count }

    /// Sizes of the index.
    public var statistics: SearchIndexStatistics {
        let s = storage
        let terms = s.words.keys.count + s.phrases.keys.count + s.tickers.keys.count + s.wordTrigrams.count
            + s.tickerTrigrams.count + s.initialisms.keys.count + s.codes.count
        let postings = s.words.postings.entries.count + s.phrases.postings.entries.count
            + s.tickers.postings.entries.count + s.wordTrigrams.postingCount + s.tickerTrigrams.postingCount
            + s.initialisms.postings.entries.count + s.codes.count
        let recordBytes = s.records.reduce(0) { total, record in
            total + MemoryLayout<SearchRecord>.stride + record.ticker.utf8.count + record.name.utf8.count
                + record.aliases.reduce(0) { $0 + 16 + $1.utf8.count }
        }
        let bytes = s.words.bytes + s.wordTrie.bytes + s.wordTrigrams.bytes + s.phrases.bytes + s.tickers.bytes
            + s.tickerTrie.bytes + s.tickerTrigrams.bytes + s.tickerLength.count * 2 + s.tokenStarts.count * 4
            + s.tokens.count * MemoryLayout<Token>.stride + recordBytes + s.initialisms.bytes + s.codes.count * 12
        return SearchIndexStatistics(records: s.records.count, terms: terms, postings: postings, bytes: bytes)
    }

    /// The best `limit` matches for `query`, best first. An empty or blank query gives no results.
    public func search(_ query: String, limit: Int = 10) -> [SearchHit] {
        let parsed = parse(query)
        guard limit > 0, !parsed.isEmpty else { return [] }
        var collector = Collector(limit: limit)
        // Each dictionary range is looked up once and shared by the tiers that read it.
        let phraseRange = storage.phrases.keys.prefixRange(parsed.compact)
        let tickerRange = parsed.tickerKeys.first.map { storage.tickers.keys.prefixRange($0) } ?? 0..<0
        var initialismRange: Range<Int>?
        collectCodes(parsed, &collector)
        collectExactTickers(parsed, tickerRange, &collector)
        collectExactNames(parsed, phraseRange, &collector)
        if !collector.settle() { collectInitialisms(parsed, tier: .initialism, &initialismRange, &collector) }
        if !collector.settle() { collectTickerPrefixes(parsed, tickerRange, &collector) }
        if !collector.settle() { collectNamePrefixes(parsed, phraseRange, &collector) }
        if !collector.settle() { collectInitialisms(parsed, tier: .minorInitialism, &initialismRange, &collector) }
        if !collector.settle() { collectWordPrefixes(parsed, &collector) }
        if !collector.settle() { collectSubstrings(parsed, &collector) }
        guard collector.count(below: .substring) < min(limit, Self.typoThreshold) else {
            collector.settle()
            return hits(collector, parsed)
        }
        // Only here is the query copied, to be given its words' near words (`parsed` stays a `let`: passing a
        // `var` to every tier above would copy it each time).
        var withTypos = parsed
        collectTypos(&withTypos, &collector)
        if collector.candidates.isEmpty { collectPartialMatches(withTypos, &collector) }
        collector.settle()
        return hits(collector, withTypos)
    }

    /// The settled candidates of `collector` as hits, best first.
    private func hits(_ collector: Collector, _ query: Query) -> [SearchHit] {
        var hits: [SearchHit] = []
        hits.reserveCapacity(min(collector.limit, collector.candidates.count))
        for candidate in collector.candidates.prefix(collector.limit) { hits.append(explain(candidate, query)) }
        return hits
    }

    /// `text` folded and split against this index's dictionaries (`Query.init`).
    func parse(_ text: String) -> Query {
        Query(text, words: storage.words.keys, startsAName: { !storage.phrases.keys.prefixRange($0).isEmpty })
    }

    // MARK: - Candidate generation, one tier after the other

    /// The securities whose ISIN or CUSIP the query is (sub-score 0 for an ISIN, 1 for a CUSIP).
    private func collectCodes(_ query: Query, _ collector: inout Collector) {
        guard let key = query.codeKey else { return }
        let codes = storage.codes
        var low = 0
        var high = codes.count
        while low < high {
            let middle = (low + high) / 2
            if codes[middle] < key { low = middle + 1 } else { high = middle }
        }
        while low < codes.count, codes[low] == key {
            let entry = Posting.make(document: storage.codeDocuments[low], field: Posting.codeField)
            collector.add(Candidate(tier: .code, score: key & SecurityCode.cusipTag == 0 ? 0 : 1, entry: entry))
            low += 1
        }
    }

    /// Exact tickers: the ticker as typed first (`ACP$A` before `AC.PA`), then one with the same kind of
    /// spelling (`BACK` before `BAC$K` for `back`), then the other variants. `firstRange` is the prefix range of
    /// the first ticker key.
    private func collectExactTickers(_ query: Query, _ firstRange: Range<Int>, _ collector: inout Collector) {
        let tickers = storage.tickers
        for (index, key) in query.tickerKeys.enumerated() {
            let range = index == 0 ? firstRange : tickers.keys.prefixRange(key)
            guard let term = range.first, tickers.keys.length(term) == key.count else { continue }
            for index in tickers.postings.range(term) {
                let entry = tickers.postings.entries[index]
                let document = Int(Posting.document(entry))
                let score = query.isLiteral(storage.records[document].ticker) ? 0
                    : storage.tickerHasPunctuation[document] == query.hasPunctuation ? 1 : 2
                collector.add(Candidate(tier: .exactTicker, score: score, entry: entry))
            }
        }
    }

    /// Tickers starting with the query, shorter ones first; `range` is the first ticker key's prefix range.
    private func collectTickerPrefixes(_ query: Query, _ range: Range<Int>, _ collector: inout Collector) {
        guard let key = query.tickerKeys.first else { return }
        let tickers = storage.tickers
        tickers.best(in: range, prefixLength: key.count, need: collector.need) { entry in
            let length = Int(storage.tickerLength[Int(Posting.document(entry))])
            collector.add(Candidate(tier: .tickerPrefix, score: length, entry: entry))
        }
    }

    /// Whole names equal to the query, compared without spaces, so that `jpmorgan chase` meets
    /// `JP Morgan Chase & Co.`; `range` is the query's prefix range in the phrase dictionary.
    private func collectExactNames(_ query: Query, _ range: Range<Int>, _ collector: inout Collector) {
        let phrases = storage.phrases
        guard let first = range.first, phrases.keys.length(first) == query.compact.count else { return }
        for index in phrases.postings.range(first) {
            collector.add(Candidate(tier: .exactName, score: 0, entry: phrases.postings.entries[index]))
        }
    }

    /// Names starting with the query (without spaces, following the name's words: see `phraseMatch`),
    /// shorter names first: `toyota` ranks Toyota Motor before Toyota Tsusho.
    private func collectNamePrefixes(_ query: Query, _ range: Range<Int>, _ collector: inout Collector) {
        storage.phrases.best(in: range, prefixLength: query.compact.count, need: collector.need) { entry in
            let tokens = tokens(of: Int(Posting.document(entry)), field: Int(Posting.field(entry)))
            guard phraseMatch(tokens, query, ranges: false) != nil else { return }
            let coreLength = tokens.reduce(0) { total, token in
                token.flags & Token.core != 0 && token.flags & Token.variant == 0
                    ? total + storage.words.keys.length(Int(token.word)) : total
            }
            collector.add(Candidate(tier: .namePrefix, score: coreLength, entry: entry))
        }
    }

    /// Names whose initialism the one-word query is. Sub-scores: 0 for a significant initialism that the
    /// security's ticker also starts with (`dt`: Deutsche Telekom, `DTE.DE`; two signs that the query names this
    /// security; the key ends with `Initialism.tickerMark`), 1 for the other significant ones, 2 for those with
    /// other legal forms or stop words (their key ends with a 0). The significant initialisms of securities of
    /// a market cap of at least `majorMarketCap` go to `.initialism` (people use initialisms for well-known
    /// companies: `rbc`, `cibc`), the others to `.minorInitialism`, after the prefix tiers (`pfi` is Pfizer
    /// typed, not Prudential Financial Inc.). At most `maxInitialismPostings` postings per key are read.
    /// `range` keeps the query's prefix range in the initialisms between the two tiers' calls.
    private func collectInitialisms(_ query: Query, tier: Tier, _ range: inout Range<Int>?,
                                    _ collector: inout Collector) {
        guard query.words.count == 1, Initialism.lengths.contains(query.joined.count) else { return }
        let initialisms = storage.initialisms
        let length = query.joined.count
        let major = tier == .initialism
        // The keys starting with the query, in this order: the query itself, the query and a 0, the query and
        // the ticker mark (nothing sorts between them).
        let keys = range ?? initialisms.keys.prefixRange(query.joined)
        range = keys
        for term in keys.prefix(3) {
            let score: Int
            switch initialisms.keys.length(term) {
            case length: score = 1
            case length + 1 where initialisms.keys.key(term).last == 0: score = 2
            case length + 1 where initialisms.keys.key(term).last == Initialism.tickerMark: score = 0
            default: return
            }
            var added = 0
            let postings = initialisms.postings.entries[initialisms.postings.range(term)].prefix(Self.maxInitialismPostings)
            for entry in postings where added < collector.need {
                let cap = storage.records[Int(Posting.document(entry))].marketCap ?? 0
                guard (score < 2 && cap >= Self.majorMarketCap) == major else { continue }
                collector.add(Candidate(tier: tier, score: score, entry: entry))
                added += 1
            }
        }
    }

    /// The market cap from which an initialism ranks right after the exact names.
    static let majorMarketCap = 10e9
    /// Postings of an initialism read at most (they come in static rank order, larger caps first among the
    /// primary listings).
    static let maxInitialismPostings = 256

    /// Every query word starts a word of one name or alias.
    private func collectWordPrefixes(_ query: Query, _ collector: inout Collector) {
        if query.words.count == 1 {
            let word = query.words[0]
            storage.words.best(in: word.prefixRange, prefixLength: word.scalars.count, need: collector.need) { entry in
                collector.add(Candidate(tier: .wordPrefix, score: 0, entry: entry))
            }
        } else {
            collectWordMatches(query, typos: false, &collector)
        }
    }

    /// A one-word query inside a word (text without spaces, such as Japanese names) or inside a ticker.
    private func collectSubstrings(_ query: Query, _ collector: inout Collector) {
        guard query.words.count == 1, query.words[0].scalars.count >= 3 else { return }
        let budget = collector.need * 4
        var added = 0
        let words = storage.words
        storage.wordTrigrams.terms(containing: query.words[0].scalars, keys: words.keys) { term in
            for index in words.postings.range(term).prefix(collector.need) {
                collector.add(Candidate(tier: .substring, score: 0, entry: words.postings.entries[index]))
                added += 1
            }
            return added < budget
        }
        guard let key = query.tickerKeys.first else { return }
        let tickers = storage.tickers
        storage.tickerTrigrams.terms(containing: key, keys: tickers.keys) { term in
            for index in tickers.postings.range(term).prefix(collector.need) {
                collector.add(Candidate(tier: .substring, score: 1, entry: tickers.postings.entries[index]))
                added += 1
            }
            return added < budget * 2
        }
    }

    /// Driver postings checked one by one at most; beyond, only the driver's best documents are.
    static let maxDriverPostings = 4_096

    /// Multi-word queries: the documents of the query word with the fewest postings are checked against
    /// every other word, within one name or alias.
    func collectWordMatches(_ query: Query, typos: Bool, _ collector: inout Collector) {
        let words = storage.words
        func cost(_ word: Query.Word) -> Int {
            words.postings.total(word.prefixRange) + (typos ? word.near.reduce(0) { $0 + words.postings.range($1.term).count } : 0)
        }
        guard let driver = query.words.min(by: { cost($0) < cost($1) }) else { return }
        let starts = words.postings.starts
        var entries: [UInt32]
        if words.postings.total(driver.prefixRange) <= Self.maxDriverPostings {
            entries = Array(words.postings.entries[Int(starts[driver.prefixRange.lowerBound])
                ..< Int(starts[driver.prefixRange.upperBound])])
        } else {
            // Every query word is a short, common prefix (`a b`): only the best documents of the driver are
            // checked, so the answer may miss some matches.
            entries = []
            words.best(in: driver.prefixRange, prefixLength: driver.scalars.count,
                       need: PrefixDictionary<UInt32>.topListSize) { entries.append($0) }
        }
        if typos {
            for (term, _) in driver.near { entries.append(contentsOf: words.postings.entries[words.postings.range(term)]) }
        }
        entries.sort()
        filterByOtherWords(query, driver: driver, typos: typos, &entries)
        let need = collector.need
        // No match can score below this: a word that starts no dictionary word costs at least its nearest
        // word's cost. Entries come in rank order, so once `need` matches score it, the rest rank lower.
        let lowestScore = typos ? query.words.reduce(0) { total, word in
            word.prefixRange.isEmpty ? total + (word.near.lazy.map(\.cost).min() ?? 0) : total
        } : 0
        var found = 0
        var previous = UInt32.max
        for entry in entries where entry != previous {
            previous = entry
            guard let score = match(query, entry: entry, typos: typos) else { continue }
            collector.add(Candidate(tier: score == 0 ? .wordPrefix : .typo, score: score, entry: entry))
            if score == lowestScore { found += 1 }
            if found >= need { break }
        }
    }

    /// Postings of a word that a multi-word query reads to rule out documents at most, per driver entry:
    /// reading postings in order is much cheaper than checking a document's tokens.
    static let filterPostingsPerEntry = 16

    /// Drops the driver's `entries` whose document lacks one of the other query words (as a prefix, or with
    /// `typos` as a near word) in every field, by marking the documents of each such word in a bit set. Words
    /// of one letter are skipped (they may be the ticker's share class), and so are words whose postings
    /// would cost more to read than checking the entries.
    private func filterByOtherWords(_ query: Query, driver: Query.Word, typos: Bool, _ entries: inout [UInt32]) {
        let postings = storage.words.postings
        let documentCount = storage.records.count
        var marks: [UInt64] = []
        for word in query.words where word.scalars != driver.scalars && word.scalars.count > 1 {
            guard !entries.isEmpty else { return }
            var ranges = [word.prefixRange]
            if typos { ranges += word.near.map { $0.term..<$0.term + 1 } }
            let cost = ranges.reduce(0) { $0 + postings.total($1) }
            guard cost <= entries.count * Self.filterPostingsPerEntry else { continue }
            if marks.isEmpty { marks = [UInt64](repeating: 0, count: documentCount / 64 + 1) }
            postings.entries.withUnsafeBufferPointer { all in
                marks.withUnsafeMutableBufferPointer { marks in
                    for range in ranges where !range.isEmpty {
                        for index in Int(postings.starts[range.lowerBound])..<Int(postings.starts[range.upperBound]) {
                            let document = Int(Posting.document(all[index]))
                            marks[document >> 6] |= 1 << UInt64(document & 63)
                        }
                    }
                    entries.removeAll { entry in
                        let document = Int(Posting.document(entry))
                        return marks[document >> 6] & (1 << UInt64(document & 63)) == 0
                    }
                    for range in ranges where !range.isEmpty {
                        for index in Int(postings.starts[range.lowerBound])..<Int(postings.starts[range.upperBound]) {
                            marks[Int(Posting.document(all[index])) >> 6] = 0
                        }
                    }
                }
            }
        }
    }

    /// Total cost (`EditDistance.cost`) of the query words to the best words of the field of `entry`, each query word taking
    /// a different word of the field (greedily, in query order), or nil when a query word matches none.
    private func match(_ query: Query, entry: UInt32, typos: Bool) -> Int? {
        let document = Int(Posting.document(entry))
        let field = UInt8(Posting.field(entry))
        let tokens = Int(storage.tokenStarts[document])..<Int(storage.tokenStarts[document + 1])
        var total = 0
        var used: UInt64 = 0
        for word in query.words {
            var best = Int.max
            var bestPosition = 0
            for index in tokens where storage.tokens[index].field == field {
                let token = storage.tokens[index]
                let bit: UInt64 = token.position < 64 ? 1 << UInt64(token.position) : 0
                guard used & bit == 0 else { continue }
                if let distance = typos ? word.cost(to: token.word)
                    : (word.prefixRange.contains(Int(token.word)) ? 0 : nil), distance < best {
                    best = distance
                    bestPosition = Int(token.position)
                    if best == 0 { break }
                }
            }
            if best == Int.max {
                // A share class written after the name: `berkshire b` for `BRK.B`.
                guard word.scalars.count == 1, shareClass(of: document) == word.scalars[0] else { return nil }
                continue
            }
            if bestPosition < 64 { used |= 1 << UInt64(bestPosition) }
            total += best
        }
        return total
    }

    /// The folded letter after the last `.` or `$` of a ticker when it is a single letter (`BRK.B`, `BAC$K`).
    private func shareClass(of document: Int) -> UInt32? {
        let ticker = storage.records[document].ticker.utf8
        guard ticker.count >= 3 else { return nil }
        let last = ticker[ticker.index(ticker.endIndex, offsetBy: -1)]
        let separator = ticker[ticker.index(ticker.endIndex, offsetBy: -2)]
        guard separator == UInt8(ascii: ".") || separator == UInt8(ascii: "$") else { return nil }
        switch last {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(last) + 0x20
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(last)
        default: return nil
        }
    }
}
