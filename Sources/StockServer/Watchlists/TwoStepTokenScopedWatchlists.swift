import Foundation
import StockModel
import StockStorage

/// `TokenScopedWatchlistStore` for stores that cannot check a token inside their list statements (SQLite, which
/// makes no round trips anyway): the token lookup, then the `WatchlistStore` call for its user.
struct TwoStepTokenScopedWatchlists: TokenScopedWatchlistStore {
    let accounts: any AccountStore
    let watchlists: any WatchlistStore
    let securities: any SecurityStore

    func watchlists(token: TokenCheck) async throws -> TokenScoped<[WatchlistSummary]>? {
        guard let userID = try await userID(token) else { return nil }
        return TokenScoped(userID: userID, value: try await watchlists.watchlists(userID: userID))
    }

    func securities(token: TokenCheck, in list: WatchlistSelector) async throws -> TokenScoped<[Security]>? {
        guard let userID = try await userID(token) else { return nil }
        return TokenScoped(userID: userID, value: try await watchlists.securities(userID: userID, in: list))
    }

    func add(securityID: Int64, token: TokenCheck, to list: WatchlistSelector, limits: WatchlistLimits, at time: Date)
        async throws -> TokenScoped<TokenScopedAddition>?
    {
        guard let userID = try await userID(token) else { return nil }
        guard let security = try await securities.security(id: securityID) else {
            throw StorageError.notFound(WatchlistMessages.unknownSecurity(securityID))
        }
        let addition = try await watchlists.add(
            securityID: securityID, userID: userID, to: list, limits: limits, at: time)
        return TokenScoped(userID: userID, value: TokenScopedAddition(addition: addition, security: security))
    }

    func reorder(token: TokenCheck, listID: Int64, securityIDs: [Int64]) async throws -> Int64? {
        guard let userID = try await userID(token) else { return nil }
        try await watchlists.reorder(userID: userID, listID: listID, securityIDs: securityIDs)
        return userID
    }

    private func userID(_ token: TokenCheck) async throws -> Int64? {
        try await accounts.user(tokenHash: token.hash, now: token.now)?.id
    }
}
