/// Initialisms of names: `tsmc` for Taiwan Semiconductor Manufacturing Company Ltd., `rbc` for Royal Bank of
/// Canada, `jpmc` for JPMorgan Chase & Co. (a word in camel case gives the initial of each of its parts).
enum Initialism {
    /// Words left out of the significant initialism (`rbc`, not `rboc`); the form with them is indexed too.
    static let stopWords = ["of", "and", "the", "for", "de", "du", "des", "la", "le", "les", "der", "die", "das",
                            "und", "et", "y", "di", "del"]

    /// Legal forms that initialisms keep in their significant form (`tsmc`: Taiwan Semiconductor Manufacturing
    /// Company; `lseg`: London Stock Exchange Group), unlike `Inc`, `Ltd` or `AG`.
    static let keptLegalForms = ["company", "companies", "group", "holding", "holdings"]

    /// Ends the key of a significant initialism that the security's ticker starts with (`dt` for Deutsche
    /// Telekom, `DTE.DE`), so that it sorts right after the other keys of the same letters (see
    /// `SearchIndex.collectInitialisms`). No initial is 0 or 1.
    static let tickerMark: UInt32 = 1

    /// Initialisms shorter or longer than this are not indexed.
    static let lengths = 2...10

    /// The initials of each word of `text` when some word has more than one (`JPMorgan` gives `j`, `p`, `m`;
    /// `AT&T`'s `AT` gives `a`, `t`), else nil: in text with both capitals and small letters, a word gives its
    /// first letter and each later capital, except a word of capitals longer than three (`NVIDIA`, `ASML`),
    /// which gives only its first. `words` are the folded words of `text`, in order. Only ASCII text (read as
    /// bytes) is split: other text gives nil, each word its first letter. Nothing is allocated unless a word
    /// has several initials.
    static func initials(of text: String, words: WordSplitter.SplitText) -> [[UInt32]]? {
        guard text.hasOneBytePerCharacter else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { bytes -> [[UInt32]]? in
            func isUppercase(_ i: Int) -> Bool { bytes[i] >= 0x41 && bytes[i] <= 0x5A }
            func isLowercase(_ i: Int) -> Bool { bytes[i] >= 0x61 && bytes[i] <= 0x7A }
            guard bytes.indices.contains(where: isUppercase), bytes.indices.contains(where: isLowercase)
            else { return nil }
            return initials(words: words, count: bytes.count, isUppercase: isUppercase,
                            isLetter: { isUppercase($0) || isLowercase($0) }, folded: { UInt32(bytes[$0]) + 0x20 })
        } ?? nil
    }

    /// `initials(of:words:)` over the text's characters by offset: `isUppercase(i)`, `isLetter(i)` and
    /// `folded(i)` (the folded scalar of a capital) describe character `i` of `count`.
    private static func initials(words: WordSplitter.SplitText, count: Int, isUppercase: (Int) -> Bool,
                                 isLetter: (Int) -> Bool, folded: (Int) -> UInt32) -> [[UInt32]]? {
        var result: [[UInt32]]?
        for (index, word) in words.words.enumerated() {
            let start = word.characterStart
            let end = min(count, start + word.characterCount)
            var letters = 0
            var capitals = 0
            var laterCapitals = 0
            for i in start..<max(start, end) where isLetter(i) {
                letters += 1
                if isUppercase(i) {
                    capitals += 1
                    if i > start { laterCapitals += 1 }
                }
            }
            let isCamelCase = laterCapitals > 0 && !(capitals == letters && letters > 3)
            // Nothing is allocated until a word has several initials.
            guard isCamelCase || result != nil else { continue }
            if result == nil {
                result = []
                result?.reserveCapacity(words.words.count)
                for earlier in words.words[..<index] { result?.append(Array(words.scalars[earlier.range].prefix(1))) }
            }
            var initials = Array(words.scalars[word.range].prefix(1))
            if isCamelCase {
                for i in start + 1..<end where isUppercase(i) { initials.append(folded(i)) }
            }
            result?.append(initials)
        }
        return result
    }

    /// The initialisms of a name or alias: from the start of the core name (and of the whole name, when a
    /// leading legal form was cut) to its end and to each legal form after it, up to the security description;
    /// each without and with stop words. The significant ones come first: the core name, alone and with each
    /// of the `keptLegalForms` right after it, without stop words (`rbc`; `cnr` and `cnrc` for Canadian National
    /// Railway Company). The others carry a trailing 0 (`tsmcl`, `rboc`), so that they rank after them, and may
    /// repeat. `appendInitials(i, &letters)` appends the initials of word `i`, `isStopWord(i)` tells whether it
    /// is a stop word and `isKeptLegalForm(i)` whether it is one of the `keptLegalForms`; `scratch` is reused
    /// between calls.
    static func forms(core: Range<Int>, withoutDescription: Range<Int>, scratch: inout Scratch,
                      appendInitials: (Int, inout [UInt32]) -> Void, isStopWord: (Int) -> Bool,
                      isKeptLegalForm: (Int) -> Bool, _ body: ([UInt32]) -> Void) {
        guard !core.isEmpty else { return }
        var significantEnd = core.upperBound
        while significantEnd < withoutDescription.upperBound, isKeptLegalForm(significantEnd) { significantEnd += 1 }
        // The significant forms are prefixes of the longest one: that one, and their lengths.
        scratch.significant.removeAll(keepingCapacity: true)
        scratch.significantLengths.removeAll(keepingCapacity: true)
        let leading = withoutDescription.lowerBound
        var start = core.lowerBound
        while true {
            for end in core.upperBound...max(core.upperBound, withoutDescription.upperBound)
                where end - start <= lengths.upperBound {
                for withStopWords in 0...1 {
                    scratch.letters.removeAll(keepingCapacity: true)
                    for position in start..<end where withStopWords == 1 || !isStopWord(position) {
                        appendInitials(position, &scratch.letters)
                    }
                    guard lengths.contains(scratch.letters.count) else { continue }
                    if start == core.lowerBound, end <= significantEnd, withStopWords == 0 {
                        scratch.significant.removeAll(keepingCapacity: true)
                        scratch.significant.append(contentsOf: scratch.letters)
                        scratch.significantLengths.append(scratch.letters.count)
                    } else {
                        if scratch.significantLengths.contains(scratch.letters.count),
                           scratch.significant.starts(with: scratch.letters) { continue }
                        scratch.letters.append(0)
                    }
                    body(scratch.letters)
                }
            }
            guard leading < start else { return }
            start = leading
        }
    }

    /// Buffers of `forms`, kept between its calls so that building allocates nothing per name.
    struct Scratch {
        var letters: [UInt32] = []
        var significant: [UInt32] = []
        var significantLengths: [Int] = []
    }
}
