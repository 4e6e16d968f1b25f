import Foundation
import StockModel

/// Whether adding to a watchlist changed it.
public enum WatchlistAddition: Sendable, Equatable {
    case added
    case alreadyPresent
}

/// One of a user's watchlists: its id, its name and how many securities it holds.
public struct WatchlistSummary: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var name: String
    public var count: Int

    public init(id: Int64, name: String, count: Int) {
        self.id = id
        self.name = name
        self.count = count
    }
}

/// Which of a user's lists a call acts on: the oldest (the one `/user/security` edits, created on registration)
/// or one by id. A list of another user is not found, as an unknown one.
public enum WatchlistSelector: Sendable, Hashable {
    case oldest
    case id(Int64)
}

/// The bounds on a user's lists (SPEC: 20 lists, 500 items per list, 1,000 distinct securities over all lists).
public struct WatchlistLimits: Sendable, Hashable {
    /// The most lists one user has.
    public var lists: Int
    /// The most securities one list holds.
    public var itemsPerList: Int
    /// The most distinct securities over all of a user's lists.
    public var distinctSecurities: Int

    public init(lists: Int = 20, itemsPerList: Int = 500, distinctSecurities: Int = 1_000) {
        self.lists = lists
        self.itemsPerList = itemsPerList
        self.distinctSecurities = distinctSecurities
    }
}

/// Each user's named lists of watched securities, each in the order the user gave it. Every change is committed
/// before the call returns. Errors: `StorageError.notFound` for an unknown list (or one of another user) or
/// security, `.conflict` for a taken name or the last list's deletion, `.limitReached` past `WatchlistLimits`,
/// `.invalid` for an order that is not a permutation of the list.
public protocol WatchlistStore: Sendable {
    /// The user's lists in creation order.
    func watchlists(userID: Int64) async throws -> [WatchlistSummary]
    /// Creates an empty list named `name` (already trimmed and checked) at the end.
    func createWatchlist(userID: Int64, name: String, maximumLists: Int, at time: Date) async throws
        -> WatchlistSummary
    func renameWatchlist(userID: Int64, listID: Int64, to name: String) async throws -> WatchlistSummary
    /// Deletes a list and its items; the user's last list cannot be deleted (`.conflict`).
    func deleteWatchlist(userID: Int64, listID: Int64) async throws
    /// The list's securities in its order.
    func securities(userID: Int64, in list: WatchlistSelector) async throws -> [Security]
    /// Adds a security at the end of the list.
    func add(securityID: Int64, userID: Int64, to list: WatchlistSelector, limits: WatchlistLimits, at time: Date)
        async throws -> WatchlistAddition
    /// Removes a security; returns whether it was on the list.
    func remove(securityID: Int64, userID: Int64, from list: WatchlistSelector) async throws -> Bool
    /// Sets the list's order: `securityIDs` must be exactly the ids the list holds.
    func reorder(userID: Int64, listID: Int64, securityIDs: [Int64]) async throws
    /// Every security on any of the user's lists, each once (what the user's live-price sockets carry).
    func watchedSecurities(userID: Int64) async throws -> [Security]
}

extension WatchlistStore {
    /// The user's oldest list, in its order.
    public func watchlist(userID: Int64) async throws -> [Security] {
        try await securities(userID: userID, in: .oldest)
    }

    /// Adds to the user's oldest list, which holds at most `limit` securities.
    public func addToWatchlist(userID: Int64, securityID: Int64, limit: Int, at time: Date) async throws
        -> WatchlistAddition
    {
        try await add(
            securityID: securityID, userID: userID, to: .oldest,
            limits: WatchlistLimits(lists: .max, itemsPerList: limit, distinctSecurities: .max), at: time)
    }

    /// Removes from the user's oldest list; returns whether it was there.
    public func removeFromWatchlist(userID: Int64, securityID: Int64) async throws -> Bool {
        try await remove(securityID: securityID, userID: userID, from: .oldest)
    }
}

/// The messages of the errors both stores report the same way.
public enum WatchlistMessages {
    public static func unknownList(_ list: WatchlistSelector) -> String {
        switch list {
        case .oldest: "the user has no watchlist"
        case .id(let id): "no watchlist of yours has the id \(id)"
        }
    }

    public static func unknownSecurity(_ id: Int64) -> String { "no security has the id \(id)" }
    public static func nameTaken(_ name: String) -> String { "you already have a watchlist named \(name)" }
    public static let lastList = "your last watchlist cannot be deleted"
    public static func tooManyLists(_ limit: Int) -> String { "a user has at most \(limit) watchlists" }
    public static func listFull(_ limit: Int) -> String { "a watchlist holds at most \(limit) securities" }
    public static func tooManyDistinct(_ limit: Int) -> String {
        "your watchlists hold at most \(limit) distinct securities"
    }
    public static let badOrder = "the order must name exactly the securities the list holds, each once"

    /// The limit a list at `count` items, in a user's lists holding `distinct` securities without this one, breaks
    /// by adding it; `nil` when it fits.
    public static func limitBroken(count: Int, distinct: Int, alreadyWatched: Bool, limits: WatchlistLimits)
        -> String?
    {
        if count >= limits.itemsPerList { return listFull(limits.itemsPerList) }
        if !alreadyWatched, distinct >= limits.distinctSecurities {
            return tooManyDistinct(limits.distinctSecurities)
        }
        return nil
    }
}
