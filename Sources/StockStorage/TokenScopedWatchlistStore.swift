import Foundation
import StockModel

/// A login token checked inside the call it authorizes: its SHA-256 hash, valid when it is neither revoked nor
/// expired at `now`.
public struct TokenCheck: Sendable, Hashable {
    public var hash: Data
    public var now: Date

    public init(hash: Data, now: Date) {
        self.hash = hash
        self.now = now
    }
}

/// What a token-checked call returned, and whose token it was (for the change observers).
public struct TokenScoped<Value: Sendable>: Sendable {
    public var userID: Int64
    public var value: Value

    public init(userID: Int64, value: Value) {
        self.userID = userID
        self.value = value
    }
}

/// An addition made through a token: whether it changed the list, and the security (for the answer).
public struct TokenScopedAddition: Sendable {
    public var addition: WatchlistAddition
    public var security: Security

    public init(addition: WatchlistAddition, security: Security) {
        self.addition = addition
        self.security = security
    }
}

/// The hot watchlist requests, each with its token check in the same call, so that a store which can check the
/// token inside its statement (PostgreSQL) answers a request in one round trip. Each method returns `nil` when the
/// token is unknown, expired or revoked (a 401, whatever else is wrong), and otherwise does what the
/// `WatchlistStore` method of the same name does for the token's user, with the same errors (`.notFound` for an
/// unknown security or a list of another user, `.limitReached`, `.invalid`) and the same limits under
/// concurrent changes on any node.
public protocol TokenScopedWatchlistStore: Sendable {
    /// The token's user's lists in creation order.
    func watchlists(token: TokenCheck) async throws -> TokenScoped<[WatchlistSummary]>?
    /// A list's securities in its order.
    func securities(token: TokenCheck, in list: WatchlistSelector) async throws -> TokenScoped<[Security]>?
    /// Adds a security at the end of a list (an unknown security is `.notFound` before an unknown list).
    func add(securityID: Int64, token: TokenCheck, to list: WatchlistSelector, limits: WatchlistLimits, at time: Date)
        async throws -> TokenScoped<TokenScopedAddition>?
    /// Puts a list's securities in the given order (exactly the list's ids, else `.invalid`); returns the user id.
    func reorder(token: TokenCheck, listID: Int64, securityIDs: [Int64]) async throws -> Int64?
}
