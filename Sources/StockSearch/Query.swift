/// A query folded and cut into words once, with the dictionary ranges its words select.
struct Query {
    /// One query word.
    struct Word {
        let scalars: [UInt32]
        /// The dictionary words that start with this one.
        let prefixRange: Range<Int>
        /// Typo budget for this word (`EditDistance.allowed`).
        let maxDistance: Int
        /// Dictionary words within `maxDistance` (not starting with this word), ascending by term; filled
        /// only when typo matches are searched.
        var near: [(term: Int, distance: Int)] = []

        /// 0 for a word starting with this one, its distance for a near word, nil otherwise.
        func distance(to term: UInt32) -> Int? {
            let term = Int(term)
            if prefixRange.contains(term) { return 0 }
            var low = 0
            var high = near.count
            while low < high {
                let middle = (low + high) / 2
                if near[middle].term < term { low = middle + 1 } else { high = middle }
            }
            return low < near.count && near[low].term == term ? near[low].distance : nil
        }
    }

    /// Longer words get no typo search (their automaton would be large and they match nothing anyway).
    static let maxTypoWordLength = 40
    /// Queries whose letters and digits are longer than this are not tickers.
    static let maxTickerLength = 24

    var words: [Word]
    /// The words concatenated, as UTF-8 (matched against whole names).
    let compact: [UInt8]
    /// The words concatenated, as scalars.
    let joined: [UInt32]
    /// The query as a folded ticker (`brk b` -> `brkb`), and `bac.pr.k` -> `back`.
    let tickerKeys: [[UInt32]]
    /// The folded query without surrounding spaces, punctuation kept (`bac$k`).
    let literal: String
    /// Whether the query has anything besides letters and digits (`BRK B`, `BAC-K`).
    let hasPunctuation: Bool

    init?(_ text: String, words dictionary: SortedKeys<UInt32>) {
        let folded = TextNormalizer.foldedScalars(text[...])
        let split = WordSplitter.split(folded)
        guard !split.isEmpty else { return nil }
        words = split.map { word in
            Word(scalars: word.scalars, prefixRange: dictionary.prefixRange(word.scalars),
                 maxDistance: word.scalars.count > Self.maxTypoWordLength
                    ? 0 : EditDistance.allowed(forLength: word.scalars.count))
        }
        var compact: [UInt8] = []
        for word in split { appendUTF8(word.scalars, to: &compact) }
        self.compact = compact

        var tickerKeys: [[UInt32]] = []
        let joined = split.flatMap(\.scalars)
        self.joined = joined
        if joined.count <= Self.maxTickerLength {
            tickerKeys.append(joined)
            // Preferreds written with a `PR` series marker: `BAC.PR.K`, `BAC PR K`, `BAC-PR-K`.
            if split.count == 3, split[1].scalars == [0x70, 0x72] {
                tickerKeys.append(split[0].scalars + split[2].scalars)
            }
        }
        self.tickerKeys = tickerKeys
        let trimmed = Array(folded.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed())
        literal = String(String.UnicodeScalarView(trimmed.compactMap(Unicode.Scalar.init)))
        hasPunctuation = trimmed.contains { value in
            !((value >= 0x30 && value <= 0x39) || (value >= 0x61 && value <= 0x7A) || value > 0x7F)
        }
    }
}
