/// One security as a listing file describes it, before it is stored.
public struct ListingRecord: Sendable, Hashable {
    /// The symbol as the listing writes it (`AAPL`, `BRK.B`, `BAC$K`, `7203.T`).
    public var symbol: String
    /// The security name, trimmed (`Apple Inc. - Common Stock`, `Nestlé SA`).
    public var name: String
    /// Exchange name or code (`NASDAQ`, `NYSE`, `PAR`); empty when the file gives none.
    public var exchange: String
    public var country: String?
    public var isin: String?
    public var currency: String?
    /// Other names of the same security (brand names, names in other scripts).
    public var aliases: [String]
    public var isETF: Bool
    /// A price to start from while the security has none (a recent close, as decimal text: `231.59`), in its
    /// currency; not part of the listing itself.
    public var referencePrice: String?

    public init(
        symbol: String, name: String, exchange: String = "", country: String? = nil, isin: String? = nil,
        currency: String? = nil, aliases: [String] = [], isETF: Bool = false, referencePrice: String? = nil
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
    }
}

/// A row of a listing file that could not be read; it is reported and skipped.
public struct ListingProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// What parsing one listing file produced.
public struct ParsedListing: Sendable {
    public var format: ListingFormat
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
}

/// Why a file could not be read as a listing at all.
public enum ListingError: Error, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case notUTF8(file: String)
    case unrecognizedHeader(file: String, header: String)
    case empty(file: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file (\(reason))"
        case .notUTF8(let file):
            return "\(file): not a text listing (the file is not valid UTF-8)"
        case .unrecognizedHeader(let file, let header):
            let shown = header.count > 80 ? String(header.prefix(80)) + "…" : header
            return "\(file): not a listing file: the first line (\"\(shown)\") is neither a Nasdaq Trader symbol "
                + "directory header nor a CSV header with `symbol` and `name` columns"
        case .empty(let file):
            return "\(file): the file is empty"
        }
    }
}
