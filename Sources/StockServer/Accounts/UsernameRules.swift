import Foundation

/// What a user name may be, and the one form it is stored and compared in.
enum UsernameRules {
    static let maximumLength = 64

    /// The stored form of `raw`: trimmed, NFKC-normalized and lowercased, so that `Alice`, ` alice ` and `ａｌｉｃｅ`
    /// are one name. Throws a 400 naming the problem for an empty or too long name, or one with whitespace or
    /// control characters inside.
    static func normalize(_ raw: String) throws(APIError) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCompatibilityMapping
            .lowercased()
        guard !name.isEmpty else { throw APIError(.badRequest, "the username must not be empty") }
        guard name.unicodeScalars.count <= maximumLength else {
            throw APIError(.badRequest, "the username must be at most \(maximumLength) characters")
        }
        let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(.illegalCharacters)
        guard name.unicodeScalars.allSatisfy({ !forbidden.contains($0) }) else {
            throw APIError(.badRequest, "the username must not contain whitespace or control characters")
        }
        return name
    }
}
