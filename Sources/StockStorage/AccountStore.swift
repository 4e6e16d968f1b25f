import Foundation

/// A registered user, as stored.
public struct UserAccount: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The normalized user name (unique, case-insensitive).
    public var username: String
    /// The bcrypt hash of the password.
    public var passwordHash: String
    /// The base32 TOTP secret, once set up.
    public var totpSecret: String?
    /// Whether login needs a TOTP code (set after the first code is confirmed).
    public var totpEnabled: Bool
    public var createdAt: Date

    public init(
        id: Int64, username: String, passwordHash: String, totpSecret: String? = nil, totpEnabled: Bool = false,
        createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
        self.totpEnabled = totpEnabled
        self.createdAt = createdAt
    }
}

/// Users and their login tokens.
public protocol AccountStore: Sendable {
    /// Creates a user; throws `StorageError.conflict` when the name is taken.
    func createUser(username: String, passwordHash: String, at time: Date) async throws -> UserAccount
    func user(username: String) async throws -> UserAccount?
    func user(id: Int64) async throws -> UserAccount?
    /// Sets (or replaces) the TOTP secret and whether it is required at login.
    func setTOTP(userID: Int64, secret: String?, enabled: Bool) async throws
    /// Records that the TOTP time step `step` was used; returns `false` (and records nothing) when that step or a
    /// later one was used before, so that no code is ever accepted twice.
    func useTOTPStep(userID: Int64, step: Int64) async throws -> Bool
    /// Stores a token by its SHA-256 hash.
    func insertToken(hash: Data, userID: Int64, createdAt: Date, expiresAt: Date) async throws
    /// The user a token belongs to, when it is neither expired nor revoked.
    func user(tokenHash: Data, now: Date) async throws -> UserAccount?
    /// Revokes a token; revoking an unknown or revoked token does nothing.
    func revokeToken(hash: Data, at time: Date) async throws
}
