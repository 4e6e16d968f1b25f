/// One security as the index sees it.
public struct SearchRecord: Sendable {
    /// Database id of the security.
    public var id: Int64
    /// The listing's symbol, e.g. `BRK.B`, `BAC$K`, `7203.T`, `NESN.SW`.
    public var ticker: String
    /// The listing's name, e.g. `Apple Inc. - Common Stock`, `Nestlé SA`, `トヨタ自動車`.
    public var name: String
    /// Other names of the same security, e.g. `["TOYOTA MOTOR CORPORATION"]`.
    public var aliases: [String]
    /// Whether the security is an exchange-traded fund (ranked after operating companies on ties).
    public var isETF: Bool
    /// The ISIN (`CH0038863350`), found as an exact match when its check digit is right.
    public var isin: String?
    /// The CUSIP (`037833100`), found as an exact match when its check digit is right; a US or Canadian ISIN
    /// also makes its CUSIP searchable when this is nil.
    public var cusip: String?
    /// Market capitalisation (any one currency for the whole index), the last tie-breaker between equally
    /// good matches: larger first; nil when unknown (ranked as the smallest).
    public var marketCap: Double?

    public init(id: Int64, ticker: String, name: String, aliases: [String] = [], isETF: Bool = false,
                isin: String? = nil, cusip: String? = nil, marketCap: Double? = nil) {
        self.id = id
        self.ticker = ticker
        self.name = name
        self.aliases = aliases
        self.isETF = isETF
        self.isin = isin
        self.cusip = cusip
        self.marketCap = marketCap
    }
}

/// The part of a record a hit matched.
public enum MatchedField: String, Sendable, Codable {
    case ticker, name, alias, isin, cusip
}

/// How a hit matched, about best first: results are ordered by tier (one per kind, except that the initialisms
/// of companies under $10 billion rank after the name prefixes), then by a sub-score (edit distance, length),
/// then by static rank (primary listings, popularity); see `docs/search.md`.
public enum MatchKind: String, Sendable, Codable {
    /// The query is the ISIN, check digit verified.
    case isin
    /// The query is the CUSIP, check digit verified.
    case cusip
    /// The query is the ticker, also written as another feed writes it (`BRK-B`, `BAC.PR.K`).
    case exactTicker = "exact_ticker"
    /// The query is the name or an alias, also without its legal form and security description.
    case exactName = "exact_name"
    /// The query starts the ticker.
    case tickerPrefix = "ticker_prefix"
    /// The query starts the name or an alias.
    case namePrefix = "name_prefix"
    /// The query is an initialism of the name or an alias (`tsmc`, `rbc`, `jpmc`).
    case initialism
    /// Every query word starts a word of the name or of one alias, in any order.
    case wordPrefix = "word_prefix"
    /// Typo matches (edit distance 1 for words of 4+ characters, 2 for 7+; the first character costs more) and
    /// matches inside a word.
    case fuzzy
    /// Some words of a multi-word query that no security matches in full, the rarer words counting most.
    case partial
}

/// One search result.
public struct SearchHit: Sendable, Equatable {
    /// The `SearchRecord.id` of the security.
    public var id: Int64
    public var kind: MatchKind
    public var field: MatchedField
    /// The ticker, name or alias that matched, as given in the record.
    public var matchedText: String
    /// Matched ranges as `Character` offsets into `matchedText`, ascending, for highlighting.
    public var ranges: [Range<Int>]

    public init(id: Int64, kind: MatchKind, field: MatchedField, matchedText: String, ranges: [Range<Int>]) {
        self.id = id
        self.kind = kind
        self.field = field
        self.matchedText = matchedText
        self.ranges = ranges
    }
}

/// Size figures of a built index.
public struct SearchIndexStatistics: Sendable {
    /// Indexed securities.
    public var records: Int
    /// Distinct words, tickers, name forms, trigrams, initialisms and ISIN/CUSIP codes.
    public var terms: Int
    /// Entries in all posting lists.
    public var postings: Int
    /// Approximate memory held by the index's arrays.
    public var bytes: Int

    public init(records: Int, terms: Int, postings: Int, bytes: Int) {
        self.records = records
        self.terms = terms
        self.postings = postings
        self.bytes = bytes
    }
}
