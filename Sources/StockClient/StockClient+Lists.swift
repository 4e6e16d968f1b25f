import Foundation
import NIOHTTP1

/// The user's named watchlists (SPEC "Several watchlists per user"). A list id of another user is answered as an
/// unknown one: `.server(status: 404, ...)`; the limits (20 lists, 500 items per list, 1,000 securities) and a
/// taken name are `.conflict`; a bad name is `.server(status: 400, ...)`. Each error carries the server's message.
extension StockClient {
    /// The user's lists in creation order (`GET /user/watchlists`); the first is the one `/user/security` edits.
    public func watchlists() async throws(StockClientError) -> [WatchlistInfo] {
        try await send(.GET, "/user/watchlists", body: nil)
    }

    /// Creates an empty list (`POST /user/watchlists`); `.conflict` when the name is taken or at the limit.
    public func createWatchlist(name: String) async throws(StockClientError) -> WatchlistInfo {
        try await send(.POST, "/user/watchlists", body: try encode(["name": name]))
    }

    /// Renames a list (`PATCH /user/watchlists/{id}`); `.conflict` when another list has the name.
    public func renameWatchlist(id: Int64, to name: String) async throws(StockClientError) -> WatchlistInfo {
        try await send(.PATCH, "/user/watchlists/\(id)", body: try encode(["name": name]))
    }

    /// Deletes a list and its items (`DELETE /user/watchlists/{id}`); `.conflict` for the user's last list.
    public func deleteWatchlist(id: Int64) async throws(StockClientError) {
        _ = try await perform(.DELETE, "/user/watchlists/\(id)", body: nil)
    }

    /// A list's securities in the list's order (`GET /user/watchlists/{id}/securities`).
    public func watchlistItems(id: Int64) async throws(StockClientError) -> [SecurityItem] {
        try await send(.GET, "/user/watchlists/\(id)/securities", body: nil)
    }

    /// Adds a security to the end of a list (`POST /user/watchlists/{id}/securities`); one already there is fine.
    public func add(id security: Int64, toList list: Int64) async throws(StockClientError) {
        _ = try await perform(.POST, "/user/watchlists/\(list)/securities", body: try encode(["id": security]))
    }

    /// Removes a security from a list (`DELETE /user/watchlists/{id}/securities/{security_id}`).
    public func remove(id security: Int64, fromList list: Int64) async throws(StockClientError) {
        _ = try await perform(.DELETE, "/user/watchlists/\(list)/securities/\(security)", body: nil)
    }

    /// Sets a list's order (`PUT /user/watchlists/{id}/order`): `ids` must be exactly the securities it holds
    /// (else `.server(status: 400, ...)`). The server keeps the order, for every client and after restarts.
    public func orderWatchlist(id: Int64, ids: [Int64]) async throws(StockClientError) {
        _ = try await perform(.PUT, "/user/watchlists/\(id)/order", body: try encode(["ids": ids]))
    }
}
