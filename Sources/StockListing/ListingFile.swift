import Foundation

/// Reads listing files of any supported format, recognizing the format by the header line.
public enum ListingFile {
    /// Parses the file at `path`. Throws `ListingError` when the file is not a listing at all; rows that are
    /// malformed are returned as `problems` and skipped.
    public static func parse(path: String) throws -> ParsedListing {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ListingError.unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(data: data, fileName: path)
    }

    /// Parses listing text held in memory; `fileName` is used in messages.
    public static func parse(data: Data, fileName: String) throws -> ParsedListing {
        guard let text = String(validating: data, as: UTF8.self) else { throw ListingError.notUTF8(file: fileName) }
        return try parse(text: text, fileName: fileName)
    }

    /// Parses listing text; `fileName` is used in messages.
    public static func parse(text: String, fileName: String) throws -> ParsedListing {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        guard let headerEnd = body.firstIndex(where: \.isNewline) ?? (body.isEmpty ? nil : body.endIndex) else {
            throw ListingError.empty(file: fileName)
        }
        let header = body[..<headerEnd]
        if header.trimmingCharacters(in: .whitespaces).isEmpty { throw ListingError.empty(file: fileName) }
        if let layout = NasdaqDirectoryLayout(header: header) {
            return NasdaqDirectoryParser(layout: layout, fileName: fileName).parse(body)
        }
        if let columns = CSVListingColumns(header: header) {
            return CSVListingParser(columns: columns, fileName: fileName).parse(body)
        }
        throw ListingError.unrecognizedHeader(file: fileName, header: String(header))
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
