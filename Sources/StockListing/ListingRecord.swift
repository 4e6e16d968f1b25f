/// One security as a listing file describes it, before it is stored.
public struct ListingRecord: Sendable, Hashable {
    /// The symbol as the listing writes it (`AAPL`, `BRK.B`, `BAC$K`, `7203.T`).
    public var symbol: String
    /// The security name, trimmed (`Apple Inc. - Common Stock`, `Nestlé SA`).
    public var name: String
    /// Exchange name or code (`NASDAQ`, `NYSE`, `PAR`); empty when the file gives none.
    public var exchange: String
    /// The country of the listing (`United States`, `Japan`).
    public var country: String?
    /// The ISIN (`US0378331005`), when the file gives one.
    public var isin: String?
    /// The ISO 4217 code prices are in (`USD`, `JPY`).
    public var currency: String?
    /// Other names of the same security (brand names, names in other scripts).
    public var aliases: [String]
    /// Whether the security is an exchange-traded fund.
    public var isETF: Bool
    /// A price to start from while the security has none (a recent close, as decimal text: `231.59`), in its
    /// currency; not part of the listing itself.
    public var referencePrice: String?
    /// The close before the one `referencePrice` gives, as exact decimal text (`232.63`); reference data.
    public var previousClose: String?
    /// Market capitalisation in the security's currency, as exact decimal text without a zero fraction
    /// (`1093933303969`); reference data, nil when the source does not know it.
    public var marketCap: String?
    /// Shares traded in the session `referencePrice` closed; reference data.
    public var volume: Int?
    /// The issuer's sector as the source names it (`Technology`); reference data.
    public var sector: String?
    /// The issuer's industry as the source names it (`Computer Manufacturing`); reference data.
    public var industry: String?

    /// A record; every field but the symbol and the name is optional.
    public init(
        symbol: String, name: String, exchange: String = "", country: String? = nil, isin: String? = nil,
        currency: String? = nil, aliases: [String] = [], isETF: Bool = false, referencePrice: String? = nil,
        previousClose: String? = nil, marketCap: String? = nil, volume: Int? = nil, sector: String? = nil,
        industry: String? = nil
    ) {
        self.symbol = symbol
        self.name = name
        self.exchange = exchange
        self.country = country
        self.isin = isin
        self.currency = currency
        self.aliases = aliases
        self.isETF = isETF
        self.referencePrice = referencePrice
        self.previousClose = previousClose
        self.marketCap = marketCap
        self.volume = volume
        self.sector = sector
        self.industry = industry
    }
}

/// A row of a listing file that could not be read; it is reported and skipped.
public struct ListingProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as it was named to the parser.
    public var file: String
    /// The 1-based line on which the row starts (a screener object: the line of its `{`).
    public var line: Int
    /// What is wrong with the row.
    public var message: String

    /// A problem of the row on `line` of `file`.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}

/// What parsing one listing file produced.
public struct ParsedListing: Sendable {
    /// The format the file was recognized as.
    public var format: ListingFormat
    /// The rows read, in file order, each symbol once.
    public var records: [ListingRecord]
    /// Rows that were skipped because they were malformed.
    public var problems: [ListingProblem]
    /// Rows skipped on purpose (test issues).
    public var skippedTestIssues: Int
}

/// The listing formats the importer understands.
public enum ListingFormat: String, Sendable {
    /// Nasdaq Trader `nasdaqlisted.txt`.
    case nasdaqListed = "nasdaqlisted"
    /// Nasdaq Trader `otherlisted.txt`.
    case otherListed = "otherlisted"
    /// Generic CSV with a header holding at least `symbol,name`.
    case csv
    /// The Nasdaq stock screener's JSON array (`nasdaq_full_tickers.json`): names, last prices, market caps.
    case nasdaqScreener = "nasdaq-screener"
}

/// Why a file could not be read as a listing at all.
public enum ListingError: Error, Sendable, CustomStringConvertible {
    /// The file cannot be opened or read.
    case unreadable(file: String, reason: String)
    /// The first line is neither a symbol directory header nor a CSV header with `symbol` and `name`.
    case unrecognizedHeader(file: String, header: String)
    /// The file is empty, or its first line is blank.
    case empty(file: String)
    /// The file starts with something no text listing holds (a NUL byte, invalid UTF-8, an overlong first line).
    case notText(file: String, reason: String)
    /// The file's JSON is broken at `line`, so nothing after it can be read.
    case malformedJSON(file: String, line: Int, reason: String)
    /// The file has more rows than `ListingLimits.maxRecords`.
    case tooManyRecords(file: String, limit: Int)
    /// The file has more malformed rows than `ListingLimits.maxProblems`.
    case tooManyProblems(file: String, limit: Int)

    /// The file and what is wrong with it, for the person running the import.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file (\(reason))"
        case .unrecognizedHeader(let file, let header):
            let shown = header.count > 80 ? String(header.prefix(80)) + "…" : header
            return "\(file): not a listing file: the first line (\"\(shown)\") is neither a Nasdaq Trader symbol "
                + "directory header nor a CSV header with `symbol` and `name` columns"
        case .empty(let file):
            return "\(file): the file is empty"
        case .notText(let file, let reason):
            return "\(file): not a text listing: \(reason)"
        case .malformedJSON(let file, let line, let reason):
            return "\(file):\(line): not a Nasdaq screener listing: \(reason)"
        case .tooManyRecords(let file, let limit):
            return "\(file): the file holds more than \(limit) rows"
        case .tooManyProblems(let file, let limit):
            return "\(file): more than \(limit) malformed rows; the file is not read as a listing"
        }
    }
}
