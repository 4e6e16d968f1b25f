import Dispatch
import Synchronization

/// Builds the `IndexStorage` of a list of records: folds and splits every name, alias and ticker once,
/// finds core names, orders the records by static rank and fills the dictionaries.
enum SearchIndexBuilder {
    /// A name or alias cut into interned words.
    private struct FieldWords {
        var words: [Int32] = []
        /// The German `ae/oe/ue` spelling of each word (the same id where it does not differ).
        var variants: [Int32]?
        var starts: [UInt16] = []
        var lengths: [UInt16] = []
        var core: Range<Int> = 0..<0
        /// The words before the security description (`Apple Inc.` of `Apple Inc. - Common Stock`).
        var withoutDescription: Range<Int> = 0..<0
        /// The initials of each word, when some word has several (`FoldedRecord.Field.initials`).
        var initials: [[UInt32]]?
    }

    private struct Prepared {
        var fields: [FieldWords]
        var ticker: [UInt32]
        var tickerForms: [[UInt32]]
        var tickerHasPunctuation: Bool
        var rank: StaticRank
    }

    static func build(_ input: [SearchRecord], phase: ((String, Duration) -> Void)? = nil) -> IndexStorage {
        let clock = ContinuousClock()
        var phaseStart = clock.now
        func endPhase(_ name: String) {
            guard let phase else { return }
            let now = clock.now
            phase(name, now - phaseStart)
            phaseStart = now
        }
        // About one new word per record at 300,000 records; two name forms and one ticker form per record.
        var words = PrefixDictionaryBuilder<UInt32>(expectedTerms: input.count)
        func intern(_ text: String) -> Int32 { words.intern(text.unicodeScalars.map(\.value)) }
        let rules = CoreNameRules { words.intern($0) }
        let derivative = Set(StaticRank.derivativeWords.map(intern))
        let receipt = Set(StaticRank.receiptWords.map(intern))
        var digitLeading: [Bool] = []
        func startsWithDigit(_ id: Int32) -> Bool {
            while digitLeading.count < words.count {
                let first = words.term(digitLeading.count).first ?? 0
                digitLeading.append(first >= 0x30 && first <= 0x39)
            }
            return digitLeading[Int(id)]
        }

        // Fold and split every field once, on all cores, and intern the words in record order as the folded
        // chunks come.
        var prepared: [Prepared] = []
        prepared.reserveCapacity(input.count)
        var foldedChunks: [[FoldedRecord]] = []
        var tokenCount = 0  // an upper bound: variants that do not differ make no token
        FoldedRecord.foldInOrder(input) { range, folded in
            foldedChunks.append(folded)
            for (record, foldedRecord) in zip(input[range], folded) {
                var fields: [FieldWords] = []
                fields.reserveCapacity(foldedRecord.fields.count)
                for foldedField in foldedRecord.fields {
                    var field = internWords(foldedField, into: &words)
                    (field.withoutDescription, field.core) = rules.ranges(
                        of: field.words, descriptionCut: descriptionCut(foldedField.separatorOffset, field),
                        startsWithDigit: startsWithDigit)
                    fields.append(field)
                    tokenCount += field.words.count * (field.variants == nil ? 1 : 2)
                }
                let name = fields[0]
                let rank = StaticRank(record: record, isDerivative: name.words.contains(where: derivative.contains),
                                      isReceipt: name.words.contains(where: receipt.contains),
                                      coreLength: coreLength(name, words))
                let ticker = foldedRecord.ticker
                prepared.append(Prepared(fields: fields, ticker: ticker.key, tickerForms: ticker.forms,
                                         tickerHasPunctuation: ticker.hasPunctuation, rank: rank))
            }
        }
        endPhase("fold and split names (all cores), intern words and find core names (in record order)")
        // Sorted by static rank (`StaticRank`: its key, then the ticker).
        var ranked = prepared.indices.map { (key: prepared[$0].rank.key, index: Int32($0)) }
        ranked.sort { a, b in
            a.key != b.key ? a.key < b.key : input[Int(a.index)].ticker < input[Int(b.index)].ticker
        }
        let order = ranked.map { Int($0.index) }

        // Fill the dictionaries in document order, so that posting lists come out ascending: the name forms on
        // one core (then sorted there), the words, tokens and tickers on another (then sorted there).
        let wordTerms = words  // the terms are final; the fill below only adds postings
        let preparedRecords = prepared
        let tokenBound = tokenCount
        let stopWords = Set(Initialism.stopWords.map(intern))
        let keptLegalForms = Set(Initialism.keptLegalForms.map(intern))
        let builtPhrases = Mutex<(PrefixDictionary<UInt8>, PrefixDictionary<UInt32>)?>(nil)
        let filled = Mutex<Filled?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let (phrases, initialisms) = fillPhrases(
                    order: order, prepared: preparedRecords, words: wordTerms, stopWords: stopWords,
                    keptLegalForms: keptLegalForms)
                let dictionaries = (phrases.build(shorterKeysFirst: true).dictionary,
                                    initialisms.build(shorterKeysFirst: false).dictionary)
                builtPhrases.withLock { $0 = dictionaries }
            } else {
                let result = fillWordsAndTickers(
                    input: input, order: order, prepared: preparedRecords, words: wordTerms, tokenCount: tokenBound)
                filled.withLock { $0 = result }
            }
        }
        // Millions of small arrays: they are freed on a background thread once the build no longer needs both
        // cores, off its critical path.
        let scratch = (foldedChunks, preparedRecords)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(scratch) {} }
        let (phrases, initialisms) = builtPhrases.withLock { $0! }
        let built = filled.withLock { $0! }
        endPhase("fill and sort: name forms on one core; postings, tokens, tickers, tries and trigrams on another")
        let finalTokens = built.tokens.map { item in
            let t = item.token
            return Token(word: UInt32(built.wordIDs[Int(item.word)]), field: t.field, position: t.position,
                         flags: t.flags, start: t.start, length: t.length)
        }
        endPhase("tokens")
        return IndexStorage(
            records: built.records, words: built.words, wordTrie: built.wordTrie, wordTrigrams: built.wordTrigrams,
            phrases: phrases, initialisms: initialisms, tickers: built.tickers, tickerTrie: built.tickerTrie,
            tickerTrigrams: built.tickerTrigrams, tickerLength: built.tickerLength,
            tickerHasPunctuation: built.tickerHasPunctuation, tokenStarts: built.tokenStarts, tokens: finalTokens,
            codes: built.codes)
    }

    /// What the words-and-tickers side of the fill produces: the records in document order with their
    /// per-document facts, the tokens, and the sorted word and ticker dictionaries with their tries and trigrams.
    private struct Filled: Sendable {
        var records: [SearchRecord]
        var tickerLength: [UInt8]
        var tickerHasPunctuation: [Bool]
        var tokenStarts: [UInt32]
        var tokens: [(word: Int32, token: Token)]
        var words: PrefixDictionary<UInt32>
        /// Final word id by the builder's id.
        var wordIDs: [Int32]
        var wordTrie: TermTrie
        var wordTrigrams: TrigramPostings
        var tickers: PrefixDictionary<UInt32>
        var tickerTrie: TermTrie
        var tickerTrigrams: TrigramPostings
        /// ISIN and CUSIP keys with their documents, ascending.
        var codes: [(key: UInt64, document: UInt32)]
    }

    /// Adds every document's words to their posting lists and records its tokens and ticker forms, in document
    /// order; then sorts the words and tickers and builds their tries and trigram postings. `tokenCount` bounds the
    /// tokens, to reserve room for them.
    private static func fillWordsAndTickers(
        input: [SearchRecord], order: [Int], prepared: [Prepared], words: PrefixDictionaryBuilder<UInt32>,
        tokenCount: Int
    ) -> Filled {
        var words = words
        words.reservePostings(tokenCount)
        var tickers = PrefixDictionaryBuilder<UInt32>(expectedTerms: input.count, expectedPostings: input.count * 2)
        var records: [SearchRecord] = []
        var tickerLength: [UInt8] = []
        var tickerHasPunctuation: [Bool] = []
        var tokenStarts: [UInt32] = [0]
        var tokens: [(word: Int32, token: Token)] = []
        var added: [Int32] = []
        var codes: [(key: UInt64, document: UInt32)] = []
        records.reserveCapacity(input.count)
        tickerLength.reserveCapacity(input.count)
        tickerHasPunctuation.reserveCapacity(input.count)
        tokenStarts.reserveCapacity(input.count + 1)
        tokens.reserveCapacity(tokenCount)
        for (document, index) in order.enumerated() {
            // Read in place: copying a record or its prepared words would retain and release each of their arrays
            // and strings.
            records.append(input[index])
            tickerLength.append(UInt8(min(prepared[index].ticker.count, 255)))
            tickerHasPunctuation.append(prepared[index].tickerHasPunctuation)
            let tickerEntry = Posting.make(document: UInt32(document), field: Posting.tickerField)
            for form in prepared[index].tickerForms {
                tickers.add(tickers.intern(form), entry: tickerEntry)
            }
            if let isin = records[document].isin, let key = SecurityCode.isinKey(isin.utf8) {
                codes.append((key, UInt32(document)))
            }
            if let cusip = records[document].cusip.map({ $0[...] })
                ?? records[document].isin.flatMap(SecurityCode.cusip(inISIN:)),
               let key = SecurityCode.cusipKey(cusip.utf8) {
                codes.append((key, UInt32(document)))
            }
            for (fieldIndex, field) in prepared[index].fields.enumerated() {
                let entry = Posting.make(document: UInt32(document), field: UInt32(fieldIndex))
                added.removeAll(keepingCapacity: true)
                for (position, word) in field.words.enumerated() {
                    let flags: UInt8 = field.core.contains(position) ? Token.core : 0
                    let token = { (extra: UInt8) in
                        Token(word: 0, field: UInt8(fieldIndex), position: UInt8(min(position, 255)),
                              flags: flags | extra, start: field.starts[position], length: field.lengths[position])
                    }
                    tokens.append((word, token(0)))
                    if !added.contains(word) {
                        added.append(word)
                        words.add(word, entry: entry)
                    }
                    if let variant = field.variants?[position], variant != word {
                        tokens.append((variant, token(Token.variant)))
                        if !added.contains(variant) {
                            added.append(variant)
                            words.add(variant, entry: entry)
                        }
                    }
                }
            }
            tokenStarts.append(UInt32(tokens.count))
        }
        let (wordDictionary, wordIDs) = words.build(shorterKeysFirst: false)
        let tickerDictionary = tickers.build(shorterKeysFirst: true).dictionary
        codes.sort { ($0.key, $0.document) < ($1.key, $1.document) }
        return Filled(
            records: records, tickerLength: tickerLength, tickerHasPunctuation: tickerHasPunctuation,
            tokenStarts: tokenStarts, tokens: tokens, words: wordDictionary, wordIDs: wordIDs,
            wordTrie: TermTrie(keys: wordDictionary.keys), wordTrigrams: TrigramPostings(keys: wordDictionary.keys),
            tickers: tickerDictionary, tickerTrie: TermTrie(keys: tickerDictionary.keys),
            tickerTrigrams: TrigramPostings(keys: tickerDictionary.keys), codes: codes)
    }

    /// The exact-name dictionary: every document's whole names, names without their description and core names,
    /// spelled without spaces (UTF-8), in document order; and the initialisms of the same names
    /// (`Initialism.forms`). `words` is only read.
    private static func fillPhrases(
        order: [Int], prepared: [Prepared], words: PrefixDictionaryBuilder<UInt32>, stopWords: Set<Int32>,
        keptLegalForms: Set<Int32>
    ) -> (PrefixDictionaryBuilder<UInt8>, PrefixDictionaryBuilder<UInt32>) {
        var phrases = PrefixDictionaryBuilder<UInt8>(expectedTerms: 2 * order.count, expectedPostings: 4 * order.count)
        var initialisms = PrefixDictionaryBuilder<UInt32>(expectedTerms: order.count,
                                                          expectedPostings: 4 * order.count)
        var compactBuffer: [UInt8] = []
        var forms: [Int32] = []
        var initialismIDs: [Int32] = []
        var scratch = Initialism.Scratch()
        /// Interns the words `range` of `spelling` as one form of the field (once).
        func addForm(_ spelling: [Int32], _ range: Range<Int>) {
            guard !range.isEmpty else { return }
            compactBuffer.removeAll(keepingCapacity: true)
            for id in spelling[range] { appendUTF8(words.term(Int(id)), to: &compactBuffer) }
            guard !compactBuffer.isEmpty else { return }
            let form = phrases.intern(compactBuffer)
            if !forms.contains(form) { forms.append(form) }
        }
        for (document, index) in order.enumerated() {
            let ticker = prepared[index].ticker
            for (fieldIndex, field) in prepared[index].fields.enumerated() {
                let entry = Posting.make(document: UInt32(document), field: UInt32(fieldIndex))
                // The whole name, the name without its description, and the core name are often the same
                // words: each distinct range is interned once.
                let all = field.words.indices
                let description = field.withoutDescription
                forms.removeAll(keepingCapacity: true)
                func addForms(_ spelling: [Int32]) {
                    guard !spelling.isEmpty else { return }
                    addForm(spelling, field.core)
                    if description != field.core { addForm(spelling, description) }
                    if all != description && all != field.core { addForm(spelling, all) }
                }
                addForms(field.words)
                if let variants = field.variants { addForms(variants) }
                for form in forms { phrases.add(form, entry: entry) }
                initialismIDs.removeAll(keepingCapacity: true)
                Initialism.forms(
                    core: field.core, withoutDescription: field.withoutDescription, scratch: &scratch,
                    appendInitials: { position, letters in
                        if let initials = field.initials?[position] {
                            letters.append(contentsOf: initials)
                        } else if let first = words.term(Int(field.words[position])).first {
                            letters.append(first)
                        }
                    }, isStopWord: { stopWords.contains(field.words[$0]) },
                    isKeptLegalForm: { keptLegalForms.contains(field.words[$0]) }
                ) { letters in
                    // A significant initialism that the ticker starts with gets the ticker mark.
                    let id = letters.last != 0 && ticker.starts(with: letters)
                        ? initialisms.intern(letters + [Initialism.tickerMark]) : initialisms.intern(letters)
                    if !initialismIDs.contains(id) { initialismIDs.append(id) }
                }
                for id in initialismIDs { initialisms.add(id, entry: entry) }
            }
        }
        return (phrases, initialisms)
    }

    /// Interns the words of one folded name or alias.
    private static func internWords(_ folded: FoldedRecord.Field, into words: inout PrefixDictionaryBuilder<UInt32>)
        -> FieldWords {
        var field = FieldWords()
        let plain = folded.words
        field.words.reserveCapacity(plain.words.count)
        field.starts.reserveCapacity(plain.words.count)
        field.lengths.reserveCapacity(plain.words.count)
        for word in plain.words {
            field.words.append(words.intern(plain.scalars[word.range]))
            // Capped so that a token never reaches past its text (past 65,535 characters it stops short).
            let start = min(word.characterStart, Int(UInt16.max))
            field.starts.append(UInt16(start))
            field.lengths.append(UInt16(min(word.characterCount, Int(UInt16.max) - start)))
        }
        field.initials = folded.initials
        if let german = folded.germanWords {
            field.variants = german.words.map { words.intern(german.scalars[$0.range]) }
        }
        return field
    }

    /// The index of the first word after ` - ` (`Apple Inc. - Common Stock`), if any; `separatorOffset` is
    /// the `Character` offset of the space after ` - `.
    private static func descriptionCut(_ separatorOffset: Int?, _ field: FieldWords) -> Int? {
        guard let offset = separatorOffset else { return nil }
        return field.starts.firstIndex { Int($0) > offset }
    }

    private static func coreLength(_ field: FieldWords, _ words: PrefixDictionaryBuilder<UInt32>) -> Int {
        field.words[field.core].reduce(0) { $0 + words.term(Int($1)).count }
    }

    /// The ticker folded to letters and digits (`BRK.B` -> `brkb`), and the forms it is found by: that one,
    /// plus `bacpk` for a preferred `BAC$K` (the CQS spelling).
    static func foldedTicker(_ ticker: String) -> (key: [UInt32], forms: [[UInt32]], hasPunctuation: Bool) {
        if ticker.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: the same result without splitting words.
            func alphanumerics(_ bytes: Substring.UTF8View) -> [UInt32] {
                bytes.compactMap { byte in
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte)
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(byte) + 0x20
                    default: nil
                    }
                }
            }
            let key = alphanumerics(ticker[...].utf8)
            var forms = key.isEmpty ? [] : [key]
            if let dollar = ticker.firstIndex(of: "$") {
                let base = alphanumerics(ticker[..<dollar].utf8)
                let series = alphanumerics(ticker[ticker.index(after: dollar)...].utf8)
                if !base.isEmpty, !series.isEmpty { forms.append(base + [0x70] + series) }
            }
            return (key, forms, key.count != ticker.utf8.count)
        }
        let words = WordSplitter.foldAndSplit(ticker)
        let key = words.flatMap(\.scalars)
        var forms = [key]
        if let dollar = ticker.firstIndex(of: "$") {
            let base = WordSplitter.foldAndSplit(String(ticker[..<dollar])).flatMap(\.scalars)
            let series = WordSplitter.foldAndSplit(String(ticker[ticker.index(after: dollar)...])).flatMap(\.scalars)
            if !base.isEmpty, !series.isEmpty { forms.append(base + [0x70] + series) }
        }
        let hasPunctuation = words.count > 1 || ticker.unicodeScalars.contains { !$0.properties.isAlphabetic
            && $0.properties.numericType == nil }
        return (key, forms.filter { !$0.isEmpty }, hasPunctuation)
    }
}

/// Appends the UTF-8 encoding of scalar values.
func appendUTF8<Values: Collection>(_ values: Values, to bytes: inout [UInt8]) where Values.Element == UInt32 {
    for value in values {
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case 0xD800...0xDFFF:
            continue  // not a scalar
        case ..<0x1_0000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case ..<0x11_0000:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            continue  // not a scalar
        }
    }
}
