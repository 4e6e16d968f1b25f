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

    init?(header: Substring) {
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

/// Parses `nasdaqlisted.txt` and `otherlisted.txt`: `|`-separated, LF or CRLF, a header line, a
/// `File Creation Time` footer; test issues are skipped.
struct NasdaqDirectoryParser {
    let layout: NasdaqDirectoryLayout
    let fileName: String

    func parse(_ text: Substring) -> ParsedListing {
        var result = ParsedListing(format: layout.format, records: [], problems: [], skippedTestIssues: 0)
        var seen = Set<String>()
        // `\r\n` is a single `Character`, so split on any newline rather than on "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated().dropFirst() {
            let lineNumber = index + 1
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("File Creation Time") { continue }
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            func problem(_ message: String) {
                result.problems.append(ListingProblem(file: fileName, line: lineNumber, message: message))
            }
            guard fields.count == layout.fieldCount else {
                problem("expected \(layout.fieldCount) `|`-separated fields, found \(fields.count)")
                continue
            }
            if fields[layout.testIssue].trimmed == "Y" {
                result.skippedTestIssues += 1
                continue
            }
            let symbol = fields[layout.symbol].trimmed
            let name = fields[layout.name].trimmed
            guard !symbol.isEmpty else { problem("the symbol is empty"); continue }
            guard !name.isEmpty else { problem("the security name of \(symbol) is empty"); continue }
            guard seen.insert(symbol).inserted else { problem("\(symbol) appears twice in the file"); continue }
            let exchange = layout.exchange.map { NasdaqDirectoryLayout.exchangeName(code: fields[$0]) } ?? "NASDAQ"
            result.records.append(ListingRecord(
                symbol: symbol, name: name, exchange: exchange, country: "United States", currency: "USD",
                isETF: fields[layout.etf].trimmed == "Y"))
        }
        return result
    }
}
