#if !FUZZING
@testable import StockListing
#endif

/// The listing fuzz targets (`fuzz/csv`, `fuzz/nasdaq`, `fuzz/screener`), shared by the fuzz binaries (compiled
/// into the module with `-D FUZZING`) and by `FuzzRegressionTests`, which replays their committed inputs: small
/// limits, so that short inputs reach every bound, and the checks every parse must pass besides not crashing.
enum ListingFuzzTarget: String, CaseIterable {
    case csv, nasdaq, screener

    static let limits = ListingLimits(
        maxLineBytes: 200, maxFieldBytes: 48, maxLinesPerRow: 3, maxRecords: 300, maxProblems: 300,
        maxJSONObjectBytes: 400)

    /// A header with every known column, used when the CSV input's first line is no CSV header, so that
    /// mutations of the rows are not wasted on unrecognized headers.
    static let csvFallbackHeader = "symbol,name,exchange,country,isin,currency,aliases,etf,price,previous_close,"
        + "market_cap"

    /// Parses `bytes` as this target does. CSV and Nasdaq inputs use their first line as the header when it is
    /// one, otherwise a fallback (for Nasdaq, the first byte picks `nasdaqlisted` or `otherlisted`); the screener
    /// target also runs the format detection of `ListingFile` in front of all three parsers.
    func parse(_ input: [UInt8], chunkBytes: Int) -> [Result<ParsedListing, any Error>] {
        switch self {
        case .csv, .nasdaq: [Result { try parseOwn(input, chunkBytes: chunkBytes) }]
        case .screener:
            [
                Result { try parseOwn(input, chunkBytes: chunkBytes) },
                Result {
                    try ListingFile.parse(.memory(input, chunkBytes: chunkBytes), fileName: "fuzz", limits: Self.limits)
                },
            ]
        }
    }

    private func parseOwn(_ input: [UInt8], chunkBytes: Int) throws -> ParsedListing {
        let limits = Self.limits
        let bytes = ByteReader.memory(input, chunkBytes: chunkBytes)
        switch self {
        case .csv:
            var lines = LineReader(bytes: bytes, limits: limits)
            var header = Self.csvFallbackHeader
            if let first = try lines.next(), case .value(let text) = first.content,
                CSVListingColumns(header: text) != nil
            {
                header = text
            }
            guard let columns = CSVListingColumns(header: header) else {
                throw ListingError.unrecognizedHeader(file: "fuzz.csv", header: header)
            }
            return try CSVListingParser(columns: columns, fileName: "fuzz.csv", limits: limits).parse(lines)
        case .nasdaq:
            var lines = LineReader(bytes: bytes, limits: limits)
            var header = input.first.map { $0 & 1 == 1 } == true
                ? NasdaqDirectoryLayout.otherListedHeader : NasdaqDirectoryLayout.nasdaqListedHeader
            if let first = try lines.next(), case .value(let text) = first.content,
                NasdaqDirectoryLayout(header: text) != nil
            {
                header = text
            }
            guard let layout = NasdaqDirectoryLayout(header: header) else {
                throw ListingError.unrecognizedHeader(file: "fuzz.txt", header: header)
            }
            return try NasdaqDirectoryParser(layout: layout, fileName: "fuzz.txt", limits: limits).parse(&lines)
        case .screener:
            return try ScreenerJSONParser(fileName: "fuzz.json", limits: limits).parse(bytes)
        }
    }

    /// Parses `input` twice, from one chunk and from chunks of 1 to 13 bytes (chosen by the first byte); nil when
    /// both give the same records, problems or error and the records keep the limits, else what went wrong.
    func check(_ input: [UInt8]) -> String? {
        let chunkBytes = 1 + Int(input.first ?? 0) % 13
        for (whole, chunked) in zip(parse(input, chunkBytes: 65_536), parse(input, chunkBytes: chunkBytes)) {
            switch (whole, chunked) {
            case (.success(let one), .success(let other)):
                guard one.records == other.records else { return "chunks of \(chunkBytes) bytes changed the records" }
                guard one.problems == other.problems else {
                    return "chunks of \(chunkBytes) bytes changed the problems"
                }
                if let violation = Self.violation(one) { return violation }
            case (.failure(let one), .failure(let other)):
                if "\(one)" != "\(other)" { return "chunks of \(chunkBytes) bytes changed the error" }
            default:
                return "chunks of \(chunkBytes) bytes changed whether the input is a listing"
            }
        }
        return nil
    }

    /// What `listing` breaks: every record has a symbol and a name, no field over the field bound or holding
    /// NUL, valid prices and market cap; nil when it breaks nothing.
    static func violation(_ listing: ParsedListing) -> String? {
        guard listing.records.count <= limits.maxRecords, listing.problems.count <= limits.maxProblems else {
            return "more records or problems than the limits"
        }
        var seen = Set<String>()
        for record in listing.records {
            guard !record.symbol.isEmpty, !record.name.isEmpty else { return "a record without a symbol or name" }
            guard seen.insert(record.symbol).inserted else { return "\(record.symbol) twice" }
            let texts = [record.symbol, record.name, record.exchange] + record.aliases
                + [record.country, record.isin, record.currency, record.sector, record.industry].compactMap { $0 }
            if texts.contains(where: { $0.utf8.count > limits.maxFieldBytes }) { return "a field over the bound" }
            if texts.contains(where: { $0.utf8.contains(0) }) { return "a NUL byte in a field" }
            for price in [record.referencePrice, record.previousClose].compactMap({ $0 })
            where !ListingDecimal.isReferencePrice(price) {
                return "an invalid price \(price)"
            }
            if let cap = record.marketCap, ListingDecimal.marketCap(cap) != cap {
                return "an invalid market cap \(cap)"
            }
        }
        return listing.problems.allSatisfy { $0.line >= 1 } ? nil : "a problem without a line"
    }
}
