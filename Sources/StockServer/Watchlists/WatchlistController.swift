import Foundation
import Hummingbird
import StockStorage

/// `/user/security`: the authenticated user's oldest watchlist (the original service's paths and `{"id": N}`
/// bodies; SPEC "Several watchlists per user").
struct WatchlistController {
    let accounts: any AccountStore
    let items: WatchlistItems

    /// The router ignores a trailing slash, so `/user/security/` reaches the same routes.
    func addRoutes(to router: Router<AppRequestContext>) {
        // GET and POST check the token in their storage call (one round trip on PostgreSQL).
        let scoped = router.group("user/security").add(middleware: BearerTokenReader())
        scoped.get(use: list)
        scoped.post(use: add)
        let watchlist = router.group("user/security").add(middleware: TokenAuthenticator(accounts: accounts))
        watchlist.delete(use: remove)
        watchlist.delete("{id}", use: remove)
    }

    /// `GET /user/security` → `200 [security]`, in the list's order.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await items.list(.oldest, context: context)
    }

    /// `POST /user/security {"id": N}` → `201` with the security (`200` when it was already there), `404` for
    /// an unknown security, `409` when the list is full.
    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SecurityJSON> {
        try await items.add(request, to: .oldest, context: context)
    }

    /// `DELETE /user/security {"id": N}` or `DELETE /user/security/N` → `204`, also when it was not on the list;
    /// `404` for an id that is no security.
    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await items.remove(request, context: context, parameter: "id", from: .oldest)
    }
}

/// `{"id": N}`: a security id, as a JSON integer (a string of digits is accepted too).
struct SecurityIDBody: Decodable {
    var id: Int64

    enum CodingKeys: String, CodingKey {
        case id
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try? container.decode(Int64.self, forKey: .id) {
            self.id = id
        } else if let text = try? container.decode(String.self, forKey: .id), let id = Int64(text) {
            self.id = id
        } else {
            let path = container.codingPath + [CodingKeys.id]
            guard container.contains(.id) else {
                throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: container.codingPath, debugDescription: ""))
            }
            if try container.decodeNil(forKey: .id) {
                throw DecodingError.valueNotFound(Int64.self, .init(codingPath: path, debugDescription: ""))
            }
            throw DecodingError.typeMismatch(Int64.self, .init(codingPath: path, debugDescription: "not an integer"))
        }
    }
}
