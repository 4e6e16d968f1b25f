/// Collects the records and problems of one file within its `ListingLimits`: one symbol once, at most
/// `maxRecords` records and `maxProblems` problems (past either bound the whole file is refused).
struct ListingBuilder {
    let fileName: String
    let limits: ListingLimits
    private(set) var listing: ParsedListing
    private var seen = Set<String>()

    init(format: ListingFormat, fileName: String, limits: ListingLimits) {
        self.fileName = fileName
        self.limits = limits
        listing = ParsedListing(format: format, records: [], problems: [], skippedTestIssues: 0)
    }

    /// Reports the row on `line` as malformed; it is skipped.
    mutating func problem(line: Int, _ message: String) throws {
        guard listing.problems.count < limits.maxProblems else {
            throw ListingError.tooManyProblems(file: fileName, limit: limits.maxProblems)
        }
        listing.problems.append(ListingProblem(file: fileName, line: line, message: message))
    }

    /// Counts a row skipped on purpose (a test issue).
    mutating func skipTestIssue() {
        listing.skippedTestIssues += 1
    }

    /// Adds `record`, read from `line`, unless its symbol was already read from this file (then it is a problem).
    mutating func append(_ record: ListingRecord, line: Int) throws {
        guard seen.insert(record.symbol).inserted else {
            try problem(line: line, "\(record.symbol) appears twice in the file")
            return
        }
        guard listing.records.count < limits.maxRecords else {
            throw ListingError.tooManyRecords(file: fileName, limit: limits.maxRecords)
        }
        listing.records.append(record)
    }

    /// Reports the first field of `fields` longer than `maxFieldBytes`; true when there is none.
    mutating func fieldsFit(_ fields: [some StringProtocol], line: Int) throws -> Bool {
        guard let index = fields.firstIndex(where: { $0.utf8.count > limits.maxFieldBytes }) else { return true }
        try problem(line: line, "field \(index + 1) is longer than \(limits.maxFieldBytes) bytes")
        return false
    }
}
