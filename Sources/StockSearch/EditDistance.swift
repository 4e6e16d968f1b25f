/// Typo tolerance: how far a query word may be from a term, and the search for all such terms.
enum EditDistance {
    /// The largest edit distance allowed for a query word of `length` characters: none below 4,
    /// 1 from 4, 2 from 8.
    static func allowed(forLength length: Int) -> Int {
        length >= 8 ? 2 : (length >= 4 ? 1 : 0)
    }
}
