import Foundation
import Hummingbird
import StockMarket
import StockModel
import StockStorage

/// What `/user/security` and `/user/watchlists/{id}/securities` share: a list's items read, added and removed
/// with the original service's `{"id": N}` bodies. Every change is committed before the answer and then reported
/// to the observer (the user's live-price sockets follow it on every node).
struct WatchlistItems: Sendable {
    let securities: any SecurityStore
    let watchlists: any WatchlistStore
    /// The hot requests with their token check in the same storage call (`BearerTokenReader` routes).
    let scoped: any TokenScopedWatchlistStore
    /// Where a request with a malformed body finds out whether its token is valid (a 401 comes first).
    let accounts: any AccountStore
    /// Told after each committed change; nil when nothing listens.
    let observer: (any WatchlistChangeObserver)?
    /// Where the latest quotes are.
    let hub: PriceHub
    let limits: WatchlistLimits

    /// `200 [security]` in the list's order; `401` for an invalid token. Written by `SecurityJSONWriter`, as
    /// search results are: `JSONEncoder` took most of the request's CPU.
    func list(_ list: WatchlistSelector, context: AppRequestContext) async throws -> Response {
        let token = try Self.token(context)
        let listed = try await Self.authorized(mapStorageErrors { try await scoped.securities(token: token, in: list) })
        var body = ByteBuffer()
        body.reserveCapacity(2 + listed.value.count * 400)
        SecurityJSONWriter.write(hub.json(for: listed.value), into: &body)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    /// `{"id": N}` → `201` with the security at the end of the list (`200` when it was already there), `401` for
    /// an invalid token, `404` for an unknown security or list, `409` past a limit.
    func add(_ request: Request, to list: WatchlistSelector, context: AppRequestContext) async throws
        -> EditedResponse<SecurityJSON>
    {
        let token = try Self.token(context)
        let id = try await decodeBody(request, as: SecurityIDBody.self, token: token).id
        let added = try await Self.authorized(mapStorageErrors {
            try await scoped.add(securityID: id, token: token, to: list, limits: limits, at: Date())
        })
        let response = hub.json(for: [added.value.security])[0]
        switch added.value.addition {
        case .added:
            await observer?.watchlistDidChange(userID: added.userID)
            return EditedResponse(status: .created, response: response)
        case .alreadyPresent:
            return EditedResponse(status: .ok, response: response)
        }
    }

    /// The token `BearerTokenReader` read, to be checked in the storage call.
    static func token(_ context: AppRequestContext) throws -> TokenCheck {
        guard let hash = context.tokenHash else { throw APIError(.unauthorized, TokenAuthenticator.missingToken) }
        return TokenCheck(hash: hash, now: Date())
    }

    /// A token-checked call's answer; `401` when the token was invalid.
    static func authorized<Value>(_ answer: TokenScoped<Value>?) throws -> TokenScoped<Value> {
        guard let answer else { throw APIError(.unauthorized, TokenAuthenticator.invalidToken) }
        return answer
    }

    /// The JSON body; when it does not decode, a `401` first if the token is invalid, as on routes that check the
    /// token before reading the body.
    func decodeBody<Body: Decodable>(
        _ request: Request, as type: Body.Type, token: TokenCheck, maximumSize: Int = 16 * 1024
    ) async throws -> Body {
        do {
            return try await request.decodeJSONBody(as: type, maximumSize: maximumSize)
        } catch {
            guard try await accounts.user(tokenHash: token.hash, now: token.now) != nil else {
                throw APIError(.unauthorized, TokenAuthenticator.invalidToken)
            }
            throw error
        }
    }

    /// `{"id": N}` or the path's `parameter` → `204`, also when it was not on the list; `404` for an id that is no
    /// security, or an unknown list.
    func remove(_ request: Request, context: AppRequestContext, parameter: String, from list: WatchlistSelector)
        async throws -> Response
    {
        let userID = try context.requireUser().id
        let id: Int64
        if let raw = context.parameters.get(parameter) {
            guard let parsed = Int64(raw) else {
                throw APIError(.badRequest, "the security id in the path must be an integer, not \(raw)")
            }
            id = parsed
        } else {
            id = try await request.decodeJSONBody(as: SecurityIDBody.self).id
        }
        _ = try await existingSecurity(id)
        if try await mapStorageErrors({ try await watchlists.remove(securityID: id, userID: userID, from: list) }) {
            await observer?.watchlistDidChange(userID: userID)
        }
        return Response(status: .noContent)
    }

    private func existingSecurity(_ id: Int64) async throws -> Security {
        guard let security = try await securities.security(id: id) else {
            throw APIError(.notFound, WatchlistMessages.unknownSecurity(id))
        }
        return security
    }
}

/// Runs a storage call, answering its `StorageError`s: unknown rows `404`, conflicts and limits `409`, input that
/// does not fit what is stored `400`.
func mapStorageErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
        return try await body()
    } catch let error as StorageError {
        switch error {
        case .notFound(let message): throw APIError(.notFound, message)
        case .conflict(let message), .limitReached(let message): throw APIError(.conflict, message)
        case .invalid(let message): throw APIError(.badRequest, message)
        }
    }
}
