import Foundation
import Hummingbird
import StockStorage

/// `/user/watchlists`: the authenticated user's named lists (SPEC "Several watchlists per user"). A list id of
/// another user is `404`, as an unknown one; every change is committed, then reported to the observer.
struct WatchlistsController {
    let accounts: any AccountStore
    let items: WatchlistItems

    func addRoutes(to router: Router<AppRequestContext>) {
        // The hot requests check the token in their storage call (one round trip on PostgreSQL).
        let scoped = router.group("user/watchlists").add(middleware: BearerTokenReader())
        scoped.get(use: all)
        scoped.get("{id}/securities", use: securities)
        scoped.post("{id}/securities", use: add)
        scoped.put("{id}/order", use: reorder)
        let lists = router.group("user/watchlists").add(middleware: TokenAuthenticator(accounts: accounts))
        lists.post(use: create)
        lists.patch("{id}", use: rename)
        lists.delete("{id}", use: delete)
        lists.delete("{id}/securities", use: remove)
        lists.delete("{id}/securities/{security_id}", use: remove)
    }

    /// `GET /user/watchlists` → `200 [{"id", "name", "count"}]` in creation order.
    @Sendable func all(_ request: Request, context: AppRequestContext) async throws -> [WatchlistJSON] {
        let token = try WatchlistItems.token(context)
        return try await WatchlistItems.authorized(items.scoped.watchlists(token: token)).value.map(WatchlistJSON.init)
    }

    /// `POST /user/watchlists {"name"}` → `201 {"id", "name", "count"}`; `409` for a taken name or past the limit.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<WatchlistJSON> {
        let userID = try context.requireUser().id
        let name = try await WatchlistName.read(request)
        let list = try await mapStorageErrors {
            try await items.watchlists.createWatchlist(
                userID: userID, name: name, maximumLists: items.limits.lists, at: Date())
        }
        await items.observer?.watchlistDidChange(userID: userID)
        return EditedResponse(status: .created, response: WatchlistJSON(list))
    }

    /// `PATCH /user/watchlists/{id} {"name"}` → `200 {"id", "name", "count"}`.
    @Sendable func rename(_ request: Request, context: AppRequestContext) async throws -> WatchlistJSON {
        let userID = try context.requireUser().id
        let listID = try Self.listID(context)
        let name = try await WatchlistName.read(request)
        let list = try await mapStorageErrors {
            try await items.watchlists.renameWatchlist(userID: userID, listID: listID, to: name)
        }
        await items.observer?.watchlistDidChange(userID: userID)
        return WatchlistJSON(list)
    }

    /// `DELETE /user/watchlists/{id}` → `204`; `409` for the user's last list.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let userID = try context.requireUser().id
        let listID = try Self.listID(context)
        try await mapStorageErrors { try await items.watchlists.deleteWatchlist(userID: userID, listID: listID) }
        await items.observer?.watchlistDidChange(userID: userID)
        return Response(status: .noContent)
    }

    /// `GET /user/watchlists/{id}/securities` → `200 [security]` in the list's order.
    @Sendable func securities(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await items.list(.id(Self.listID(context)), context: context)
    }

    /// `POST /user/watchlists/{id}/securities {"id": N}` → `201` (or `200`), the security going to the end.
    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SecurityJSON> {
        try await items.add(request, to: .id(Self.listID(context)), context: context)
    }

    /// `DELETE /user/watchlists/{id}/securities {"id": N}` or `.../securities/N` → `204`.
    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await items.remove(request, context: context, parameter: "security_id", from: .id(Self.listID(context)))
    }

    /// `PUT /user/watchlists/{id}/order {"ids": [...]}` → `204`; `400` unless the ids are exactly the list's.
    @Sendable func reorder(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try WatchlistItems.token(context)
        let listID = try Self.listID(context)
        let ids = try await items.decodeBody(request, as: OrderBody.self, token: token, maximumSize: 64 * 1024).ids
        let userID = try await mapStorageErrors {
            try await items.scoped.reorder(token: token, listID: listID, securityIDs: ids)
        }
        guard let userID else { throw APIError(.unauthorized, TokenAuthenticator.invalidToken) }
        await items.observer?.watchlistDidChange(userID: userID)
        return Response(status: .noContent)
    }

    /// The list id in the path; `400` when it is no integer.
    private static func listID(_ context: AppRequestContext) throws -> Int64 {
        let raw = context.parameters.get("id") ?? ""
        guard let id = Int64(raw) else {
            throw APIError(.badRequest, "the watchlist id in the path must be an integer, not \(raw)")
        }
        return id
    }
}

/// `{"id", "name", "count"}`: one of the user's lists.
struct WatchlistJSON: ResponseEncodable, Decodable, Sendable, Equatable {
    var id: Int64
    var name: String
    var count: Int

    init(_ list: WatchlistSummary) {
        id = list.id
        name = list.name
        count = list.count
    }
}

/// `{"ids": [N, ...]}`: a list's securities in their new order.
struct OrderBody: Decodable {
    var ids: [Int64]
}

/// A list's name: 1-64 characters once trimmed of white space, no control characters.
enum WatchlistName {
    static let maximumLength = 64

    struct Body: Decodable {
        var name: String
    }

    /// The trimmed name of a `{"name"}` body; `400` naming the problem otherwise.
    static func read(_ request: Request) async throws -> String {
        try validated(try await request.decodeJSONBody(as: Body.self).name)
    }

    static func validated(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError(.badRequest, "\"name\" must not be empty") }
        // The stored name is bounded in Unicode scalars too (256), so that no composed character passes it.
        guard name.count <= maximumLength, name.unicodeScalars.count <= 4 * maximumLength else {
            throw APIError(.badRequest, "\"name\" must be at most \(maximumLength) characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError(.badRequest, "\"name\" must not contain control characters")
        }
        return name
    }
}
