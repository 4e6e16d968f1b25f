/// Column positions of the two Nasdaq Trader symbol directory files.
struct NasdaqDirectoryLayout {
    static let nasdaqListedHeader = "Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares"
    static let otherListedHeader = "ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol"

    let format: ListingFormat
    let fieldCount = 8
    let symbol = 0
    let name = 1
    let testIssue: Int
    let etf: Int
    /// Column of the exchange code (otherlisted only); nasdaqlisted is all Nasdaq.
    let exchange: Int?

    init?(header: String) {
        switch header.trimmed {
        case Self.nasdaqListedHeader:
            (format, testIssue, etf, exchange) = (.nasdaqListed, 3, 6, nil)
        case Self.otherListedHeader:
            (format, testIssue, etf, exchange) = (.otherListed, 6, 4, 2)
        default:
            return nil
        }
    }

    /// Exchange names for the one-letter codes of `otherlisted.txt`.
    static func exchangeName(code: Substring) -> String {
        switch code {
        case "N": "NYSE"
        case "P": "NYSE Arca"
        case "Z": "Cboe BZX"
        case "A": "NYSE American"
        case "V": "IEX"
        case "M": "NYSE Texas"
        case "F": "TXSE"
        default: String(code)
        }
    }
}

/// Parses `nasdaqlisted.txt` and `otherlisted.txt` line by line: `|`-separated, LF or CRLF, a header line, a
/// `File Creation Time` footer; test issues are skipped.
struct NasdaqDirectoryParser {
    let layout: NasdaqDirectoryLayout
    let fileName: String
    let limits: ListingLimits

    /// Reads the rows after the header from `lines`.
    func parse(_ lines: inout LineReader) throws -> ParsedListing {
        var result = ListingBuilder(format: layout.format, fileName: fileName, limits: limits)
        while let line = try lines.next() {
            let text: String
            switch line.content {
            case .value(let value): text = value
            case .problem(let reason): try result.problem(line: line.line, reason); continue
            }
            if text.allSatisfy(\.isWhitespace) || text.hasPrefix("File Creation Time") { continue }
            let fields = text.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count == layout.fieldCount else {
                try result.problem(
                    line: line.line, "expected \(layout.fieldCount) `|`-separated fields, found \(fields.count)")
                continue
            }
            guard try result.fieldsFit(fields, line: line.line) else { continue }
            if fields[layout.testIssue].trimmed == "Y" {
                result.skipTestIssue()
                continue
            }
            let symbol = fields[layout.symbol].trimmed
            let name = fields[layout.name].trimmed
            guard !symbol.isEmpty else { try result.problem(line: line.line, "the symbol is empty"); continue }
            guard !name.isEmpty else {
                try result.problem(line: line.line, "the security name of \(symbol) is empty")
                continue
            }
            let exchange = layout.exchange.map { NasdaqDirectoryLayout.exchangeName(code: fields[$0]) } ?? "NASDAQ"
            try result.append(
                ListingRecord(
                    symbol: symbol, name: name, exchange: exchange, country: "United States", currency: "USD",
                    isETF: fields[layout.etf].trimmed == "Y"),
                line: line.line)
        }
        return result.listing
    }
}
