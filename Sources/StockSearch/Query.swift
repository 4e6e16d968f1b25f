/// A query folded and cut into words once, with the dictionary ranges its words select.
struct Query {
    /// One query word.
    struct Word {
        let scalars: [UInt32]
        /// The dictionary words that start with this one.
        let prefixRange: Range<Int>
        /// Typo budget for this word (`EditDistance.allowed`).
        let maxDistance: Int
        /// Dictionary words within `maxDistance` (not starting with this word), ascending by term, with their
        /// `EditDistance.cost`; filled only when typo matches are searched.
        var near: [(term: Int, cost: Int)] = []

        /// 0 for a word starting with this one, its cost for a near word, nil otherwise.
        func cost(to term: UInt32) -> Int? {
            let term = Int(term)
            if prefixRange.contains(term) { return 0 }
            var low = 0
            var high = near.count
            while low < high {
                let middle = (low + high) / 2
                if near[middle].term < term { low = middle + 1 } else { high = middle }
            }
            return low < near.count && near[low].term == term ? near[low].cost : nil
        }
    }

    /// Longer words get no typo search (their trie walk would be large and they match nothing anyway).
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
    let literal: ArraySlice<UInt32>
    /// Whether the query has anything besides letters and digits (`BRK B`, `BAC-K`).
    let hasPunctuation: Bool
    /// The `SecurityCode` key of the query's letters and digits when they are an ISIN or a CUSIP.
    let codeKey: UInt64?

    /// Folds and splits `text`. A word typed again is merged into its first occurrence, and the words kept are
    /// read as if typed with single spaces (`apple apple apple` is the query `apple`, `tesla, tesla motors` is
    /// `tesla motors`), so that repeating words costs nothing; unless the text as typed, without spaces, starts
    /// a name (`startsAName`: `J & J Snack Foods`, `20/20 Biolabs`). Text without a word gives a query without
    /// words (`isEmpty`). Not failable: an optional query would be copied and destroyed through the generic
    /// value witnesses, which cost more than the rest of parsing.
    init(_ text: String, words dictionary: SortedKeys<UInt32>, startsAName: ([UInt8]) -> Bool) {
        var folded = TextNormalizer.foldedScalars(text[...])
        var split = WordSplitter.splitText(folded)
        guard !split.words.isEmpty else {
            (words, compact, joined, tickerKeys, literal, hasPunctuation, codeKey) = ([], [], [], [], [], false, nil)
            return
        }
        if let merged = split.withoutRepeatedWords() {
            var typed: [UInt8] = []
            appendUTF8(split.scalars, to: &typed)
            if !startsAName(typed) {
                split = merged
                folded = merged.spacedScalars
            }
        }
        // A one-word query (most of them) shares the split text's scalars instead of copying them.
        let wordScalars = split.words.count == 1 ? [split.scalars] : split.words.map { Array(split.scalars[$0.range]) }
        words = wordScalars.map { scalars in
            Word(scalars: scalars, prefixRange: dictionary.prefixRange(scalars),
                 maxDistance: scalars.count > Self.maxTypoWordLength
                    ? 0 : EditDistance.allowed(forLength: scalars.count))
        }
        // The split text holds the words back to back.
        joined = split.scalars
        var compact: [UInt8] = []
        compact.reserveCapacity(joined.count)
        appendUTF8(joined, to: &compact)
        self.compact = compact

        var tickerKeys: [[UInt32]] = []
        if joined.count <= Self.maxTickerLength {
            tickerKeys.append(joined)
            // Preferreds written with a `PR` series marker: `BAC.PR.K`, `BAC PR K`, `BAC-PR-K`.
            if wordScalars.count == 3, wordScalars[1] == [0x70, 0x72] {
                tickerKeys.append(wordScalars[0] + wordScalars[2])
            }
        }
        self.tickerKeys = tickerKeys
        codeKey = SecurityCode.isinKey(joined) ?? SecurityCode.cusipKey(joined)
        let first = folded.firstIndex { $0 != 0x20 } ?? folded.endIndex
        let last = folded.lastIndex { $0 != 0x20 }.map { $0 + 1 } ?? first
        literal = folded[first..<last]
        hasPunctuation = literal.contains { value in
            !((value >= 0x30 && value <= 0x39) || (value >= 0x61 && value <= 0x7A) || value > 0x7F)
        }
    }

    /// Whether the text had no word (nothing to search).
    var isEmpty: Bool { words.isEmpty }

    /// Whether `ticker`, lower-cased, is the query as typed (`ACP$A` for `acp$a`, not `AC.PA`).
    func isLiteral(_ ticker: String) -> Bool {
        let utf8 = ticker.utf8
        guard utf8.count >= literal.count else { return false }
        if literal.allSatisfy({ $0 < 0x80 }), utf8.allSatisfy({ $0 < 0x80 }) {
            return utf8.count == literal.count
                && zip(utf8, literal).allSatisfy { TextNormalizer.lowercased($0) == $1 }
        }
        return ticker.lowercased().unicodeScalars.elementsEqual(literal) { $0.value == $1 }
    }
}
