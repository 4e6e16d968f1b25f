/// Finds the "core name" of a listing name: the words left when the security description
/// (`- Common Stock`, `Class A Ordinary Shares`, `Depositary Shares, each representing ...`) and the legal
/// form (`Inc.`, `Corporation`, `Aktiengesellschaft`, `S.A.`, `(The)`) are cut off, so that `apple` is an
/// exact name for `Apple Inc. - Common Stock` and `walt disney` for `Walt Disney Company (The) Common Stock`.
///
/// Works on interned word ids; words that never occur in the corpus simply never match.
struct CoreNameRules: Sendable {
    /// A security description starts at one of these words (never at the first word).
    private let descriptionStarts: Set<Int32>
    /// The `weakDescriptionWords` among them.
    private let weakDescriptionStarts: Set<Int32>
    /// The words after which a weak description word starts a description: description words, legal forms, `of`.
    private let descriptionFollowers: Set<Int32>
    /// Dropped from the end, repeatedly.
    private let trailingLegalForms: Set<Int32>
    /// Dropped from the start.
    private let leadingLegalForms: [[Int32]]
    private let american: Int32?

    static let descriptionWords = [
        "common", "ordinary", "class", "series", "depositary", "depository", "warrant", "warrants", "unit",
        "units", "right", "rights", "preferred", "pref", "pfd", "shares", "share", "stock", "notes", "note",
        "debentures", "each", "representing", "cumulative", "perpetual", "subordinated", "sponsored", "adr",
        "ads",
    ]
    /// Description words that also occur inside company and fund names (`London Stock Exchange Group`,
    /// `Strategy Shares Nasdaq 7HANDL Index ETF`): they start a description only at the end of the name or
    /// before another description word, a legal form (`Joint Stock Company`), `of` (`Shares of Beneficial
    /// Interest`) or a number (`Leverage Shares 2X Long`).
    static let weakDescriptionWords = ["stock", "shares", "share"]
    static let legalForms = [
        "inc", "incorporated", "corp", "corporation", "co", "company", "companies", "cos", "ltd", "limited",
        "plc", "llc", "lp", "llp", "sa", "nv", "bv", "ag", "se", "spa", "sas", "sca", "ab", "asa", "oyj", "oy",
        "as", "kgaa", "gmbh", "aktiengesellschaft", "holding", "holdings", "group", "the", "new", "com", "ord",
        "nyrt", "tbk", "bhd", "pjsc", "pao", "oao", "jsc", "sab", "de", "cv", "ltda", "and", "reit", "adr",
    ]
    static let leadingForms = [
        "public joint stock company", "pjsc", "pao", "oao", "jsc", "the", "публичное акционерное общество",
        "открытое акционерное общество", "акционерное общество", "пао", "оао", "ао",
    ]

    /// `lookup` gives the interned id of a folded word, or nil when the corpus does not have it.
    init(lookup: ([UInt32]) -> Int32?) {
        func id(_ word: Substring) -> Int32? { lookup(word.unicodeScalars.map(\.value)) }
        descriptionStarts = Set(Self.descriptionWords.compactMap { id($0[...]) })
        trailingLegalForms = Set(Self.legalForms.compactMap { id($0[...]) })
        weakDescriptionStarts = Set(Self.weakDescriptionWords.compactMap { id($0[...]) })
        descriptionFollowers = descriptionStarts.union(trailingLegalForms).union([id("of")].compactMap { $0 })
        leadingLegalForms = Self.leadingForms.compactMap { form in
            let ids = form.split(separator: " ").map(id)
            return ids.contains(nil) ? nil : ids.compactMap { $0 }
        }
        american = id("american")
    }

    /// The word ranges of `words` without the security description (`Apple Inc.`) and of the core name
    /// (`Apple`); `descriptionCut` is the index of the first word after a ` - ` separator, if the name has one.
    func ranges(of words: [Int32], descriptionCut: Int?, startsWithDigit: (Int32) -> Bool)
        -> (withoutDescription: Range<Int>, core: Range<Int>) {
        guard !words.isEmpty else { return (0..<0, 0..<0) }
        var end = min(words.count, max(1, descriptionCut ?? words.count))
        // A number starts a description only when a description word follows (`5.875% Notes`, `7.50% ...
        // Preferred Stock`), not in a fund's name (`JPMorgan 100% U.S. Treasury Securities`).
        let description = (1..<end).first { index in
            guard descriptionStarts.contains(words[index]) else { return false }
            guard weakDescriptionStarts.contains(words[index]), index + 1 < end else { return true }
            return descriptionFollowers.contains(words[index + 1]) || startsWithDigit(words[index + 1])
        }
        let number = words[1..<(description ?? 1)].firstIndex(where: startsWithDigit)
        if let cut = number ?? description {
            end = cut
            if end > 1, words[end - 1] == american { end -= 1 }
        }
        let withoutDescription = 0..<end
        var start = 0
        for form in leadingLegalForms where end - start > form.count {
            if words[start..<(start + form.count)].elementsEqual(form) {
                start += form.count
                break
            }
        }
        while end - start > 1, trailingLegalForms.contains(words[end - 1]) {
            end -= 1
        }
        return (withoutDescription, start..<end)
    }

}
