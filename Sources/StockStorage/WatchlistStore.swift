import Foundation
import StockModel

/// Whether adding to a watchlist changed it.
public enum WatchlistAddition: Sendable, Equatable {
    case added
    case alreadyPresent
}

/// Each user's list of watched securities.
public protocol WatchlistStore: Sendable {
    /// The user's securities in the order they were added.
    func watchlist(userID: Int64) async throws -> [Security]
    /// Adds a security; throws `StorageError.notFound` for an unknown security and `StorageError.limitReached`
    /// when the list already holds `limit` items. Committed before it returns.
    func addToWatchlist(userID: Int64, securityID: Int64, limit: Int, at time: Date) async throws -> WatchlistAddition
    /// Removes a security; returns whether it was on the list.
    func removeFromWatchlist(userID: Int64, securityID: Int64) async throws -> Bool
}
