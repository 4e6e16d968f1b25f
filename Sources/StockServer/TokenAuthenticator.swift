import Foundation
import Hummingbird
import StockStorage

/// Requires a valid bearer token (`Authorization: Bearer <token>`, or `?token=` for WebSocket clients that cannot
/// set headers) and puts its user into the context; anything else is a 401.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: any AccountStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let token = Self.token(in: request) else {
            throw APIError(.unauthorized, "authentication required: send Authorization: Bearer <token>")
        }
        let hash = AuthTokens.hash(token)
        guard let user = try await accounts.user(tokenHash: hash, now: Date()) else {
            throw APIError(.unauthorized, "the token is invalid, expired or revoked")
        }
        var context = context
        context.user = user
        context.tokenHash = hash
        return try await next(request, context)
    }

    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                return token.isEmpty ? nil : token
            }
            return nil
        }
        if let token = request.uri.queryParameters.get("token"), !token.isEmpty { return token }
        return nil
    }
}
