import Foundation

/// The one form a user name is stored, looked up and compared in, so that names differing only in case, width or
/// compatibility forms are one name: `Alice`, ` ALICE `, `ａｌｉｃｅ` are `alice`, and `Straße`, `STRASSE` and
/// `strasse` are `strasse`.
///
/// The form is NFKC, then lower case, then the lower case of its upper case (which folds what lower-casing alone
/// keeps apart: `ß` and `ss`, `ς` and `σ`, `ẞ`), then NFKC again, repeated until it no longer changes. It is
/// applied by the server to every name it is given and by the stores' schema migration (v3) to the names stored
/// before it, which were only NFKC-normalized and lower-cased.
public enum UsernameFolding {
    /// The stored form of `name` (trimmed of surrounding white space first).
    public static func fold(_ name: String) -> String {
        var current = name.trimmingCharacters(in: .whitespacesAndNewlines)
        // Two rounds reach the fixed point for every Unicode scalar (`UsernameFoldingTests`); the bound only
        // guards against a future Unicode table that needs more.
        for _ in 0..<4 {
            let next = step(current)
            if next == current { return next }
            current = next
        }
        return current
    }

    /// The form names were stored in before v3: trimmed, NFKC, lower-cased. A name that the migration could not
    /// fold (its folded form was taken by another account, or longer than the column allows) is still stored so,
    /// and found by it.
    public static func legacyForm(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// The renames the schema migration to folded names applies to the `accounts` stored before it (id and stored
    /// name, oldest first): each name that is not in its folded form gets it, unless an older account holds that
    /// form already, or it is longer than `maximumLength` scalars; those keep their name (see `legacyForm`).
    public static func migrationRenames(of accounts: [(id: Int64, username: String)], maximumLength: Int)
        -> [(id: Int64, username: String)]
    {
        var taken = Set(accounts.map(\.username))
        var renames: [(id: Int64, username: String)] = []
        for account in accounts {
            let folded = fold(account.username)
            guard folded != account.username, !taken.contains(folded), folded.unicodeScalars.count <= maximumLength
            else { continue }
            taken.remove(account.username)
            taken.insert(folded)
            renames.append((account.id, folded))
        }
        return renames
    }

    private static func step(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping.lowercased().uppercased().lowercased()
            .precomposedStringWithCompatibilityMapping
    }
}
