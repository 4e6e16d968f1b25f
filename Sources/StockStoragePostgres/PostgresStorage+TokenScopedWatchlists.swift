import Foundation
import PostgresNIO
import StockModel
import StockStorage

/// Each hot list request is one prepared statement that checks the token too, so one round trip: the reads join
/// `auth_token`, the changes call `watchlist_add_by_token` and `watchlist_reorder_by_token`
/// (`PostgresSchema.watchlistFunctions`), which lock the account row as every list change does. Only answers
/// that carry no row (an empty list, an unknown security) cost a second statement, to tell a 401 from a 404.
extension PostgresStorage: TokenScopedWatchlistStore {
    public func watchlists(token: TokenCheck) async throws -> TokenScoped<[WatchlistSummary]>? {
        var userID: Int64?
        var lists: [WatchlistSummary] = []
        let statement = PreparedStatements.ListsByToken(token: Self.binding(token))
        for try await (owner, id, name, count) in try await client.execute(statement, logger: logger) {
            userID = owner
            if let id, let name { lists.append(WatchlistSummary(id: id, name: name, count: Int(count))) }
        }
        return userID.map { TokenScoped(userID: $0, value: lists) }
    }

    public func securities(token: TokenCheck, in list: WatchlistSelector) async throws -> TokenScoped<[Security]>? {
        var userID: Int64?
        var securities: [Security] = []
        let statement = PreparedStatements.EntriesByToken(token: Self.binding(token), listID: Self.listID(list))
        for try await row in try await client.execute(statement, logger: logger) {
            userID = row.0
            securities.append(Self.security(Self.securityColumns(of: row)))
        }
        if let userID { return TokenScoped(userID: userID, value: securities) }
        // No row: an empty list of the user's, a list of another user (404) or an invalid token (401).
        guard let (owner, hasList) = try await listOwnership(token: token, list: list) else { return nil }
        guard hasList else { throw StorageError.notFound(WatchlistMessages.unknownList(list)) }
        return TokenScoped(userID: owner, value: [])
    }

    public func add(
        securityID: Int64, token: TokenCheck, to list: WatchlistSelector, limits: WatchlistLimits, at time: Date
    ) async throws -> TokenScoped<TokenScopedAddition>? {
        let statement = PreparedStatements.AddByToken(
            token: Self.binding(token), listID: Self.listID(list), securityID: securityID,
            maximumItems: Int64(clamping: limits.itemsPerList), maximumDistinct: Int64(clamping: limits.distinctSecurities))
        for try await row in try await client.execute(statement, logger: logger) {
            guard let owner = row.0 else { return nil }
            let security = Self.security((
                row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13, row.14, row.15, row.16, row.17,
                row.18, row.19, row.20, row.21, row.22))
            let addition: WatchlistAddition
            switch row.1 {
            case "added": addition = .added
            case "present": addition = .alreadyPresent
            case "unknown_list": throw StorageError.notFound(WatchlistMessages.unknownList(list))
            case "limit":
                throw StorageError.limitReached(WatchlistMessages.limitBroken(
                    count: Int(row.2), distinct: Int(row.3), alreadyWatched: row.4, limits: limits)
                    ?? WatchlistMessages.listFull(limits.itemsPerList))
            default: throw PostgresStorageError.missingResult("a known outcome of watchlist_add_by_token: \(row.1)")
            }
            return TokenScoped(userID: owner, value: TokenScopedAddition(addition: addition, security: security))
        }
        // No row: the security does not exist; that is a 404 only for a valid token.
        guard try await listOwnership(token: token, list: list) != nil else { return nil }
        throw StorageError.notFound(WatchlistMessages.unknownSecurity(securityID))
    }

    public func reorder(token: TokenCheck, listID: Int64, securityIDs: [Int64]) async throws -> Int64? {
        let statement = PreparedStatements.ReorderByToken(
            token: Self.binding(token), listID: listID, securityIDs: securityIDs)
        for try await (owner, outcome) in try await client.execute(statement, logger: logger) {
            guard let owner else { return nil }
            switch outcome {
            case "reordered": return owner
            case "unknown_list": throw StorageError.notFound(WatchlistMessages.unknownList(.id(listID)))
            case "bad_order": throw StorageError.invalid(WatchlistMessages.badOrder)
            default: throw PostgresStorageError.missingResult("a known outcome of watchlist_reorder_by_token: \(outcome)")
            }
        }
        throw PostgresStorageError.missingResult("the outcome of watchlist_reorder_by_token")
    }

    /// The token's user and whether it has the list; nil for an invalid token.
    private func listOwnership(token: TokenCheck, list: WatchlistSelector) async throws -> (Int64, Bool)? {
        let rows = try await client.query(
            """
            SELECT t.account_id, EXISTS (
                SELECT 1 FROM watchlist w WHERE w.account_id = t.account_id AND (\(Self.listID(list))::BIGINT IS NULL
                                                                                  OR w.id = \(Self.listID(list))))
            FROM auth_token t
            WHERE t.token_hash = \(token.hash) AND t.revoked_ms IS NULL AND t.expires_ms > \(token.now.storedMilliseconds)
            """, logger: logger)
        for try await row in rows.decode((Int64, Bool).self) { return row }
        return nil
    }

    private static func binding(_ token: TokenCheck) -> PreparedStatements.TokenBinding {
        PreparedStatements.TokenBinding(hash: token.hash, nowMilliseconds: token.now.storedMilliseconds)
    }

    /// The list id a statement takes: NULL for the oldest list.
    private static func listID(_ list: WatchlistSelector) -> Int64? {
        switch list {
        case .oldest: nil
        case .id(let id): id
        }
    }

    private static func securityColumns(of row: PreparedStatements.OwnedSecurityRow) -> PreparedStatements.SecurityRow {
        (
            row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13, row.14,
            row.15, row.16, row.17, row.18
        )
    }
}
