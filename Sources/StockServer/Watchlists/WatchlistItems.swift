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
    /// Told after each committed change; nil when nothing listens.
    let observer: (any WatchlistChangeObserver)?
    /// Where the latest quotes are.
    let hub: PriceHub
    let limits: WatchlistLimits

    /// `200 [security]` in the list's order.
    func list(_ list: WatchlistSelector, userID: Int64) async throws -> [SecurityJSON] {
        hub.json(for: try await mapStorageErrors { try await watchlists.securities(userID: userID, in: list) })
    }

    /// `{"id": N}` → `201` with the security at the end of the list (`200` when it was already there), `404` for
    /// an unknown security or list, `409` past a limit.
    func add(_ request: Request, to list: WatchlistSelector, userID: Int64) async throws
        -> EditedResponse<SecurityJSON>
    {
        let id = try await request.decodeJSONBody(as: SecurityIDBody.self).id
        let security = try await existingSecurity(id)
        let addition = try await mapStorageErrors {
            try await watchlists.add(securityID: id, userID: userID, to: list, limits: limits, at: Date())
        }
        switch addition {
        case .added:
            await observer?.watchlistDidChange(userID: userID)
            return EditedResponse(status: .created, response: hub.json(for: [security])[0])
        case .alreadyPresent:
            return EditedResponse(status: .ok, response: hub.json(for: [security])[0])
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
