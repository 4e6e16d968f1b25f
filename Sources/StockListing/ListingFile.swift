import Foundation

/// Reads listing files of any supported format, recognizing the format by the start of the file: a JSON array is
/// the Nasdaq stock screener, otherwise the header line names a Nasdaq Trader symbol directory file or a CSV.
/// Files are read in chunks, within `ListingLimits`.
public enum ListingFile {
    /// Parses the file at `path` within the default limits. Throws `ListingError` when the file is not a listing
    /// at all or breaks a per-file limit; rows that are malformed are returned as `problems` and skipped.
    public static func parse(path: String) throws -> ParsedListing {
        try parse(path: path, limits: .default)
    }

    /// Parses the file at `path` within `limits`, reading it a chunk at a time.
    public static func parse(path: String, limits: ListingLimits) throws -> ParsedListing {
        try parse(ByteReader.file(path: path), fileName: path, limits: limits)
    }

    /// Parses listing bytes held in memory; `fileName` is used in messages.
    public static func parse(data: Data, fileName: String) throws -> ParsedListing {
        try parse(.memory(data), fileName: fileName, limits: .default)
    }

    /// Parses listing text; `fileName` is used in messages.
    public static func parse(text: String, fileName: String) throws -> ParsedListing {
        try parse(.memory(text.utf8), fileName: fileName, limits: .default)
    }

    static func parse(_ bytes: ByteReader, fileName: String, limits: ListingLimits) throws -> ParsedListing {
        if try startsWithJSONArray(bytes, limits: limits) {
            return try ScreenerJSONParser(fileName: fileName, limits: limits).parse(bytes)
        }
        var lines = LineReader(bytes: bytes, limits: limits)
        guard let first = try lines.next() else { throw ListingError.empty(file: fileName) }
        let header: String
        switch first.content {
        case .value(let text): header = text
        case .problem(let reason): throw ListingError.notText(file: fileName, reason: "line 1: \(reason)")
        }
        if header.trimmed.isEmpty { throw ListingError.empty(file: fileName) }
        if let layout = NasdaqDirectoryLayout(header: header) {
            return try NasdaqDirectoryParser(layout: layout, fileName: fileName, limits: limits).parse(&lines)
        }
        if let columns = CSVListingColumns(header: header) {
            return try CSVListingParser(columns: columns, fileName: fileName, limits: limits).parse(lines)
        }
        throw ListingError.unrecognizedHeader(file: fileName, header: header)
    }

    /// True when the first byte after a byte order mark and white space (looked at within the first
    /// `maxLineBytes`) opens a JSON array; nothing is consumed.
    private static func startsWithJSONArray(_ bytes: ByteReader, limits: ListingLimits) throws -> Bool {
        var offset = try bytes.startsWithByteOrderMark() ? 3 : 0
        while offset < limits.maxLineBytes, let byte = try bytes.peek(offset) {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): offset += 1
            default: return byte == UInt8(ascii: "[")
            }
        }
        return false
    }
}


extension StringProtocol {
    /// The text without leading and trailing white space.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
