/// Typo tolerance: how far a query word may be from a term, and the search for all such terms.
enum EditDistance {
    /// The largest edit distance allowed for a query word of `length` characters: none below 4,
    /// 1 from 4, 2 from 7.
    static func allowed(forLength length: Int) -> Int {
        length >= 7 ? 2 : (length >= 4 ? 1 : 0)
    }

    /// The cost of a typo match, in half edits, so that one integer ranks them: an edit costs 2, an edit of
    /// the first character 3 (`nicrosoft` ranks after any one-edit match, before any two-edit one).
    static func cost(distance: Int, firstCharacter: Bool = false) -> Int {
        distance * 2 + (firstCharacter ? 1 : 0)
    }
}
