/// One word occurrence in a record's name or alias.
struct Token: Sendable {
    static let variant: UInt8 = 1
    static let core: UInt8 = 2

    /// Term id in the word dictionary.
    let word: UInt32
    /// 0 = name, 1... = aliases.
    let field: UInt8
    /// Word position in the field; a German `ae/oe/ue` variant shares the position of its word.
    let position: UInt8
    /// `Token.variant`, `Token.core`.
    let flags: UInt8
    /// The original `Character`s of the word in the field's text; `start + length` never passes the end of
    /// the text, so highlight ranges cut from tokens need no checking against it.
    let start: UInt16
    let length: UInt16
}

/// Everything a `SearchIndex` holds, laid out by `SearchIndexBuilder`. Documents are numbered densely in
/// static rank order (`StaticRank`), so ascending posting lists are best-first.
final class IndexStorage: Sendable {
    /// Records by document.
    let records: [SearchRecord]
    /// Words of names and aliases (folded, plus German `ae/oe/ue` variants).
    let words: PrefixDictionary<UInt32>
    let wordTrie: TermTrie
    let wordTrigrams: TrigramPostings
    /// Whole names and aliases, folded and without spaces (UTF-8), in full and as core names.
    let phrases: PrefixDictionary<UInt8>
    /// Initialisms of names and aliases (`Initialism.forms`; the secondary ones end with a 0, the significant ones
    /// that the ticker starts with with `Initialism.tickerMark`).
    let initialisms: PrefixDictionary<UInt32>
    /// Tickers folded without punctuation (`brkb`, `back`, `7203t`), plus the CQS form of preferreds.
    let tickers: PrefixDictionary<UInt32>
    let tickerTrie: TermTrie
    let tickerTrigrams: TrigramPostings
    /// Per document: the length of its folded ticker, and whether the ticker has punctuation.
    let tickerLength: [UInt8]
    let tickerHasPunctuation: [Bool]
    /// `tokens[tokenStarts[d]..<tokenStarts[d + 1]]`: the tokens of document `d`, by field and position.
    let tokenStarts: [UInt32]
    let tokens: [Token]
    /// ISIN and CUSIP keys (`SecurityCode`), ascending, and the document of each.
    let codes: [UInt64]
    let codeDocuments: [UInt32]

    init(records: [SearchRecord], words: PrefixDictionary<UInt32>, wordTrie: TermTrie, wordTrigrams: TrigramPostings, phrases: PrefixDictionary<UInt8>, initialisms: PrefixDictionary<UInt32>, tickers: PrefixDictionary<UInt32>, tickerTrie: TermTrie, tickerTrigrams: TrigramPostings, tickerLength: [UInt8], tickerHasPunctuation: [Bool], tokenStarts: [UInt32], tokens: [Token], codes: [(key: UInt64, document: UInt32)]) {
        self.records = records
        self.words = words
        self.wordTrie = wordTrie
        self.wordTrigrams = wordTrigrams
        self.phrases = phrases
        self.initialisms = initialisms
        self.tickers = tickers
        self.tickerTrie = tickerTrie
        self.tickerTrigrams = tickerTrigrams
        self.tickerLength = tickerLength
        self.tickerHasPunctuation = tickerHasPunctuation
        self.tokenStarts = tokenStarts
        self.tokens = tokens
        self.codes = codes.map(\.key)
        codeDocuments = codes.map(\.document)
    }
}
