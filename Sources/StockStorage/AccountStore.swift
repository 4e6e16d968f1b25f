import Foundation

/// A registered user, as stored.
public struct UserAccount: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The user name in its stored form (`UsernameFolding.fold`, unique).
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
    /// The user a token belongs to and when the token expires, when it is neither expired nor revoked.
    func token(hash: Data, now: Date) async throws -> AuthorizedToken?
    /// Revokes a token; revoking an unknown or revoked token does nothing.
    func revokeToken(hash: Data, at time: Date) async throws
    /// Deletes up to `limit` tokens that expired at or before `now` and up to `limit` revoked ones; returns how
    /// many it deleted (fewer than `limit` once none of either is left).
    func deleteDeadTokens(now: Date, limit: Int) async throws -> Int
}

extension AccountStore {
    /// The user a token belongs to, when it is neither expired nor revoked.
    public func user(tokenHash: Data, now: Date) async throws -> UserAccount? {
        try await token(hash: tokenHash, now: now)?.user
    }
}

/// A valid login token: whose it is, and until when.
public struct AuthorizedToken: Sendable, Hashable {
    public var user: UserAccount
    public var expiresAt: Date

    public init(user: UserAccount, expiresAt: Date) {
        self.user = user
        self.expiresAt = expiresAt
    }
}

/// Told when a login token is revoked (logout), so that what was opened with it closes: on one node the live-price
/// sockets of the token, in a cluster every node's (through `NOTIFY`).
public protocol TokenRevocationObserver: Sendable {
    func tokenRevoked(hash: Data) async
}

/// What a node holds open per login token (its live-price sockets), closed when the token is revoked. In a
/// cluster, each node's listener tells it about the revocations of every node, and checks its tokens again after
/// it may have missed some.
public protocol OpenTokens: TokenRevocationObserver {
    /// The SHA-256 hashes of the tokens something is open with.
    var openTokenHashes: [Data] { get }
}
