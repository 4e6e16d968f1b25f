/// The bounds every listing file is read within, so that a hostile or broken file gets a clear answer in bounded
/// memory and time. A row past a per-row bound is reported as a `ListingProblem` and skipped; a file past a
/// per-file bound is refused with a `ListingError`.
public struct ListingLimits: Sendable, Hashable {
    /// The longest physical line, in bytes, without its line break (default 16 KiB; the longest real line seen,
    /// in the international listing, is 330 bytes). A longer line is skipped without being held in memory.
    public var maxLineBytes: Int
    /// The longest field, in UTF-8 bytes, after unquoting (default 4 KiB; the longest real name is 245 bytes).
    public var maxFieldBytes: Int
    /// How many physical lines one CSV row may span through quoted line breaks (default 4). A quote that is still
    /// open after them is reported on the row's first line, and reading resumes on the line after it, so an
    /// unclosed quote never swallows the rows that follow.
    public var maxLinesPerRow: Int
    /// Rows a file may hold (default 1,000,000; the whole US directory is 12,500). A longer file is refused.
    public var maxRecords: Int
    /// Malformed rows a file may hold before it is refused as not being a listing at all (default 10,000).
    public var maxProblems: Int
    /// The largest screener JSON object (one security), in bytes (default 16 KiB; real ones are about 400).
    public var maxJSONObjectBytes: Int

    /// The defaults described on each bound.
    public static let `default` = ListingLimits(
        maxLineBytes: 16_384, maxFieldBytes: 4_096, maxLinesPerRow: 4, maxRecords: 1_000_000, maxProblems: 10_000,
        maxJSONObjectBytes: 16_384)

    /// Bounds with every value given; values below 1 count as 1.
    public init(
        maxLineBytes: Int, maxFieldBytes: Int, maxLinesPerRow: Int, maxRecords: Int, maxProblems: Int,
        maxJSONObjectBytes: Int
    ) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxFieldBytes = max(1, maxFieldBytes)
        self.maxLinesPerRow = max(1, maxLinesPerRow)
        self.maxRecords = max(1, maxRecords)
        self.maxProblems = max(1, maxProblems)
        self.maxJSONObjectBytes = max(1, maxJSONObjectBytes)
    }
}
