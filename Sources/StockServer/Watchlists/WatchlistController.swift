import Foundation
import Hummingbird
import StockMarket
import StockModel
import StockStorage

/// `/user/security`: the authenticated user's watchlist (the original service's paths and `{"id": N}` bodies).
/// Every change is committed before the answer is sent and then reported to the observer.
struct WatchlistController {
    let accounts: any AccountStore
    let securities: any SecurityStore
    let watchlists: any WatchlistStore
    /// Told after each committed change (the live-price sockets follow it); nil when nothing listens.
    let observer: (any WatchlistChangeObserver)?
    /// Where the latest quotes are.
    let hub: PriceHub
    /// The most securities one watchlist holds.
    static let maximumItems = 500

    /// The router ignores a trailing slash, so `/user/security/` reaches the same routes.
    func addRoutes(to router: Router<AppRequestContext>) {
        let watchlist = router.group("user/security").add(middleware: TokenAuthenticator(accounts: accounts))
        watchlist.get(use: list)
        watchlist.post(use: add)
        watchlist.delete(use: remove)
        watchlist.delete("{id}", use: remove)
    }

    /// `GET /user/security` → `200 [security]`, in the order they were added.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> [SecurityJSON] {
        let user = try context.requireUser()
        return hub.json(for: try await watchlists.watchlist(userID: user.id))
    }

    /// `POST /user/security {"id": N}` → `201` with the security (`200` when it was already there), `404` for
    /// an unknown security, `409` when the list is full.
    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SecurityJSON> {
        let user = try context.requireUser()
        let id = try await request.decodeJSONBody(as: SecurityIDBody.self).id
        let security = try await existingSecurity(id)
        let addition: WatchlistAddition
        do {
            addition = try await watchlists.addToWatchlist(
                userID: user.id, securityID: id, limit: Self.maximumItems, at: Date())
        } catch StorageError.notFound(let message) {
            throw APIError(.notFound, message)
        } catch StorageError.limitReached(let message) {
            throw APIError(.conflict, message)
        }
        switch addition {
        case .added:
            await observer?.watchlistDidChange(userID: user.id)
            return EditedResponse(status: .created, response: hub.json(for: [security])[0])
        case .alreadyPresent:
            return EditedResponse(status: .ok, response: hub.json(for: [security])[0])
        }
    }

    /// `DELETE /user/security {"id": N}` or `DELETE /user/security/N` → `204`, also when it was not on the list;
    /// `404` for an id that is no security.
    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id: Int64
        if let raw = context.parameters.get("id") {
            guard let parsed = Int64(raw) else {
                throw APIError(.badRequest, "the security id in the path must be an integer, not \(raw)")
            }
            id = parsed
        } else {
            id = try await request.decodeJSONBody(as: SecurityIDBody.self).id
        }
        _ = try await existingSecurity(id)
        if try await watchlists.removeFromWatchlist(userID: user.id, securityID: id) {
            await observer?.watchlistDidChange(userID: user.id)
        }
        return Response(status: .noContent)
    }

    private func existingSecurity(_ id: Int64) async throws -> Security {
        guard let security = try await securities.security(id: id) else {
            throw APIError(.notFound, "no security has the id \(id)")
        }
        return security
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
