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
    let previousClose: Int?
    let marketCap: Int?

    /// Recognizes a header holding at least `symbol` and `name` (any case, any order).
    init?(header: String) {
        guard header.contains(",") || header.trimmed.lowercased() == "symbol" else { return nil }
        let split = CSVFields(header)
        guard !split.isOpen, split.error == nil else { return nil }
        let names = split.fields.map { $0.trimmed.lowercased() }
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
        self.previousClose = column("previous_close")
        self.marketCap = column("market_cap")
    }
}

/// Parses the generic CSV listing of the contract: RFC 4180 quoting, optional BOM, LF or CRLF, a header with
/// at least `symbol,name` and optionally `exchange,country,isin,currency,aliases` (`;`-separated), `etf`,
/// `price` and `previous_close` (reference prices: positive decimals with at most 4 decimals) and `market_cap`
/// (an unsigned decimal).
struct CSVListingParser {
    let columns: CSVListingColumns
    let fileName: String
    let limits: ListingLimits

    /// Reads the rows after the header from `lines`.
    func parse(_ lines: LineReader) throws -> ParsedListing {
        var result = ListingBuilder(format: .csv, fileName: fileName, limits: limits)
        var rows = CSVRowReader(lines: lines, limits: limits, fieldCount: columns.count)
        while let row = try rows.next() {
            switch row.content {
            case .problem(let message): try result.problem(line: row.line, message)
            case .value(let fields): try read(fields, line: row.line, into: &result)
            }
        }
        return result.listing
    }

    private func read(_ fields: [String], line: Int, into result: inout ListingBuilder) throws {
        func problem(_ message: String) throws { try result.problem(line: line, message) }
        if fields.count == 1 && fields[0].trimmed.isEmpty { return }
        guard fields.count == columns.count else {
            return try problem("expected \(columns.count) comma-separated fields, found \(fields.count)")
        }
        guard try result.fieldsFit(fields, line: line) else { return }
        let symbol = fields[columns.symbol].trimmed
        let name = fields[columns.name].trimmed
        guard !symbol.isEmpty else { return try problem("the symbol is empty") }
        guard !name.isEmpty else { return try problem("the name of \(symbol) is empty") }
        func optional(_ column: Int?) -> String? {
            guard let column, case let value = fields[column].trimmed, !value.isEmpty else { return nil }
            return value
        }
        let aliases = optional(columns.aliases)?.split(separator: ";").map(\.trimmed).filter { !$0.isEmpty } ?? []
        let etf = optional(columns.etf)?.lowercased()
        let price = optional(columns.price)
        let previousClose = optional(columns.previousClose)
        for (column, value) in [("price", price), ("previous close", previousClose)] {
            if let value, !ListingDecimal.isReferencePrice(value) {
                return try problem(
                    "the \(column) of \(symbol) must be a positive decimal with at most 4 decimals, found \"\(value)\"")
            }
        }
        let marketCapText = optional(columns.marketCap)
        let marketCap = marketCapText.flatMap(ListingDecimal.marketCap)
        if let marketCapText, marketCap == nil {
            return try problem(
                "the market cap of \(symbol) must be an unsigned decimal with at most 4 decimals, "
                    + "found \"\(marketCapText)\"")
        }
        try result.append(
            ListingRecord(
                symbol: symbol, name: name, exchange: optional(columns.exchange) ?? "",
                country: optional(columns.country), isin: optional(columns.isin),
                currency: optional(columns.currency), aliases: aliases,
                isETF: etf == "y" || etf == "yes" || etf == "true" || etf == "1", referencePrice: price,
                previousClose: previousClose, marketCap: marketCap),
            line: line)
    }
}

/// Joins physical lines into CSV rows: a quoted field may hold line breaks, over at most `maxLinesPerRow` lines.
/// A row whose quote is still open then (or at the end of the file), or whose joined lines do not make a
/// well-formed row of `fieldCount` fields, is reported on its first line, and reading resumes on its second line,
/// so an unclosed quote never swallows the rows after it.
struct CSVRowReader {
    typealias Row = ListingRow<[String]>

    private var lines: LineReader
    private let limits: ListingLimits
    private let fieldCount: Int
    /// Lines read ahead while looking for a closing quote, not yet part of a row.
    private var ahead: [ListingLine] = []

    init(lines: LineReader, limits: ListingLimits, fieldCount: Int) {
        self.lines = lines
        self.limits = limits
        self.fieldCount = fieldCount
    }

    /// True when at least `count` lines are read ahead.
    private mutating func readAhead(_ count: Int) throws -> Bool {
        while ahead.count < count, let line = try lines.next() { ahead.append(line) }
        return ahead.count >= count
    }

    mutating func next() throws -> Row? {
        guard try readAhead(1) else { return nil }
        let first = ahead.removeFirst()
        var text: String
        switch first.content {
        case .value(let value): text = value
        case .problem(let reason): return Row(line: first.line, content: .problem(reason))
        }
        var split = CSVFields(text)
        var joined = 0
        while split.isOpen {
            guard joined + 1 < limits.maxLinesPerRow, try readAhead(joined + 1),
                case .value(let more) = ahead[joined].content
            else {
                let lines = limits.maxLinesPerRow == 1 ? "its line" : "\(limits.maxLinesPerRow) lines"
                return Row(line: first.line, content: .problem("a quoted field is not closed within \(lines)"))
            }
            text += "\n" + more
            joined += 1
            split = CSVFields(text)
        }
        if joined > 0 && (split.error != nil || split.fields.count != fieldCount) {
            return Row(
                line: first.line,
                content: .problem("a quoted field opened on this line does not close into a well-formed row"))
        }
        ahead.removeFirst(joined)
        if let error = split.error { return Row(line: first.line, content: .problem(error)) }
        return Row(line: first.line, content: .value(split.fields))
    }
}

/// The fields of one CSV row (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks).
struct CSVFields {
    var fields: [String] = []
    /// The text ends inside a quoted field: the row goes on on the next line.
    var isOpen = false
    /// Set when the row is malformed (text after a closing quote).
    var error: String?

    init(_ text: String) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var quotedFieldClosed = false
        while index < scalars.endIndex {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            if inQuotes {
                if scalar != "\"" {
                    field.append(scalar)
                } else if index < scalars.endIndex && scalars[index] == "\"" {
                    field.append("\"")
                    scalars.formIndex(after: &index)
                } else {
                    inQuotes = false
                    quotedFieldClosed = true
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                quotedFieldClosed = false
            case "\r":
                continue
            case "\"" where field.isEmpty && !quotedFieldClosed:
                inQuotes = true
            default:
                if quotedFieldClosed && error == nil { error = "unexpected text after a closing quote" }
                field.append(scalar)
            }
        }
        isOpen = inQuotes
        fields.append(String(field))
    }
}
