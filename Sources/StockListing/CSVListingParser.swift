/// Where the known columns sit in a generic CSV listing.
struct CSVListingColumns {
    let count: Int
    let symbol: Int
    let name: Int
    let exchange: Int?
    let country: Int?
    let isin: Int?
    let currency: Int?
    let aliases: Int?
    let etf: Int?
    let price: Int?

    /// Recognizes a header holding at least `symbol` and `name` (any case, any order).
    init?(header: Substring) {
        guard header.contains(",") || header.trimmed.lowercased() == "symbol" else { return nil }
        var reader = CSVReader(text: header)
        guard let names = reader.nextRow()?.fields.map({ $0.trimmed.lowercased() }) else { return nil }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let symbol = column("symbol") ?? column("ticker"), let name = column("name") else { return nil }
        self.count = names.count
        self.symbol = symbol
        self.name = name
        self.exchange = column("exchange")
        self.country = column("country")
        self.isin = column("isin")
        self.currency = column("currency")
        self.aliases = column("aliases")
        self.etf = column("etf")
        self.price = column("price")
    }
}

/// Parses the generic CSV listing of the contract: RFC 4180 quoting, optional BOM, LF or CRLF, a header with
/// at least `symbol,name` and optionally `exchange,country,isin,currency,aliases` (`;`-separated), `etf` and
/// `price` (a reference price: a positive decimal with at most 4 decimals).
struct CSVListingParser {
    let columns: CSVListingColumns
    let fileName: String

    func parse(_ text: Substring) -> ParsedListing {
        var result = ParsedListing(format: .csv, records: [], problems: [], skippedTestIssues: 0)
        var reader = CSVReader(text: text)
        _ = reader.nextRow()  // header
        var seen = Set<String>()
        while let row = reader.nextRow() {
            func problem(_ message: String) {
                result.problems.append(ListingProblem(file: fileName, line: row.line, message: message))
            }
            if let error = row.error { problem(error); continue }
            let fields = row.fields
            if fields.count == 1 && fields[0].trimmed.isEmpty { continue }
            guard fields.count == columns.count else {
                problem("expected \(columns.count) comma-separated fields, found \(fields.count)")
                continue
            }
            let symbol = fields[columns.symbol].trimmed
            let name = fields[columns.name].trimmed
            guard !symbol.isEmpty else { problem("the symbol is empty"); continue }
            guard !name.isEmpty else { problem("the name of \(symbol) is empty"); continue }
            guard seen.insert(symbol).inserted else { problem("\(symbol) appears twice in the file"); continue }
            func optional(_ column: Int?) -> String? {
                guard let column, case let value = fields[column].trimmed, !value.isEmpty else { return nil }
                return value
            }
            let aliases = optional(columns.aliases)?.split(separator: ";").map(\.trimmed).filter { !$0.isEmpty } ?? []
            let etf = optional(columns.etf)?.lowercased()
            let price = optional(columns.price)
            if let price, !Self.isReferencePrice(price) {
                problem("the price of \(symbol) must be a positive decimal with at most 4 decimals, found \"\(price)\"")
                continue
            }
            result.records.append(ListingRecord(
                symbol: symbol, name: name, exchange: optional(columns.exchange) ?? "",
                country: optional(columns.country), isin: optional(columns.isin),
                currency: optional(columns.currency), aliases: aliases,
                isETF: etf == "y" || etf == "yes" || etf == "true" || etf == "1", referencePrice: price))
        }
        return result
    }

    /// `231.59`, `0.0001`, `7203`: digits, then at most 4 decimals; not zero.
    static func isReferencePrice(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        func digits(_ part: Substring) -> Bool { part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count <= 2, !parts[0].isEmpty, digits(parts[0]) else { return false }
        if parts.count == 2, !((1...4).contains(parts[1].count) && digits(parts[1])) { return false }
        return text.contains { $0 != "0" && $0 != "." }
    }
}

/// A minimal RFC 4180 reader over Unicode scalars: quoted fields may hold commas, doubled quotes and line breaks.
struct CSVReader {
    struct Row {
        var fields: [String]
        /// The 1-based line on which the row starts.
        var line: Int
        /// Set when the row is malformed (an unterminated quote, text after a closing quote).
        var error: String?
    }

    private let scalars: Substring.UnicodeScalarView
    private var index: Substring.UnicodeScalarView.Index
    private var line = 1

    init(text: Substring) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
    }

    mutating func nextRow() -> Row? {
        guard index < scalars.endIndex else { return nil }
        var row = Row(fields: [], line: line)
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var quotedFieldClosed = false
        while index < scalars.endIndex {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.endIndex && scalars[index] == "\"" {
                        field.append("\"")
                        scalars.formIndex(after: &index)
                    } else {
                        inQuotes = false
                        quotedFieldClosed = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                row.fields.append(String(field))
                field = String.UnicodeScalarView()
                quotedFieldClosed = false
            case "\r":
                continue
            case "\n":
                line += 1
                row.fields.append(String(field))
                return row
            case "\"" where field.isEmpty && !quotedFieldClosed:
                inQuotes = true
            default:
                if quotedFieldClosed && row.error == nil {
                    row.error = "unexpected text after a closing quote"
                }
                field.append(scalar)
            }
        }
        if inQuotes { row.error = "a quoted field is not closed before the end of the file" }
        row.fields.append(String(field))
        return row
    }
}
