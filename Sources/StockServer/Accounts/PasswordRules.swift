/// What a password may be: bcrypt reads at most 72 bytes and stops at a NUL byte, so longer passwords or ones
/// with NUL would be silently cut; they are refused instead.
enum PasswordRules {
    static let byteRange = 8...72

    /// Throws a 400 naming the problem when `password` cannot be used.
    static func validate(_ password: String) throws(APIError) {
        let length = password.utf8.count
        guard byteRange.contains(length) else {
            throw APIError(
                .badRequest,
                "the password must be \(byteRange.lowerBound) to \(byteRange.upperBound) bytes long (UTF-8), not \(length)")
        }
        guard !password.utf8.contains(0) else {
            throw APIError(.badRequest, "the password must not contain NUL characters")
        }
    }
}
