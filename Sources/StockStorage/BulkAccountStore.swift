import Foundation

/// One account for `BulkAccountStore.insertAccounts(_:passwordHash:at:tokenExpiry:)`.
public struct BulkAccount: Sendable {
    public var username: String
    /// The watchlist, in the order the items were added.
    public var securityIDs: [Int64]
    /// The SHA-256 hash of a login token to store for the account, if any.
    public var tokenHash: Data?

    public init(username: String, securityIDs: [Int64], tokenHash: Data? = nil) {
        self.username = username
        self.securityIDs = securityIDs
        self.tokenHash = tokenHash
    }
}

/// Many accounts at once, for scale runs: the data generator's fast path, which bypasses bcrypt and the
/// per-request checks.
public protocol BulkAccountStore: Sendable {
    /// Every security id, ascending.
    func allSecurityIDs() async throws -> [Int64]
    /// Inserts the accounts with their watchlists (and tokens) in one transaction, all with the same password
    /// hash. Throws when a name exists, leaving the database unchanged.
    func insertAccounts(_ accounts: [BulkAccount], passwordHash: String, at time: Date, tokenExpiry: Date)
        async throws
    /// Ends a bulk run (SQLite folds its write-ahead log back into the file); returns the database's size in
    /// bytes where it is one file.
    func finishBulkInsert() async throws -> Int64?
}
