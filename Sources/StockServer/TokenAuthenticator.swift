import Foundation
import Hummingbird
import HummingbirdCore
import StockAccounts
import StockStorage

/// Requires a valid bearer token (`Authorization: Bearer <token>`, or `?token=` for WebSocket clients that cannot
/// set headers) and puts its user into the context; anything else is a 401.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: any AccountStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let token = Self.token(authorization: request.headers[.authorization], uri: request.uri) else {
            throw APIError(.unauthorized, Self.missingToken)
        }
        let hash = AuthTokens.hash(token)
        guard let user = try await accounts.user(tokenHash: hash, now: Date()) else {
            throw APIError(.unauthorized, Self.invalidToken)
        }
        var context = context
        context.user = user
        context.tokenHash = hash
        return try await next(request, context)
    }

    static let missingToken = "authentication required: send Authorization: Bearer <token>"
    static let invalidToken = "the token is invalid, expired or revoked"

    /// The token of a request: its bearer `Authorization` header, else its `token` query parameter.
    static func token(authorization: String?, uri: URI) -> String? {
        if let header = authorization {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                return token.isEmpty ? nil : token
            }
            return nil
        }
        if let token = uri.queryParameters.get("token"), !token.isEmpty { return token }
        return nil
    }
}

/// For routes whose storage call checks the token itself (`TokenScopedWatchlistStore`, one round trip on
/// PostgreSQL): reads the bearer token as `TokenAuthenticator` does and puts its hash into the context, leaving
/// `context.user` unset; a request without a token is a 401 here, one with an invalid token in the handler.
struct BearerTokenReader: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let token = TokenAuthenticator.token(authorization: request.headers[.authorization], uri: request.uri)
        else { throw APIError(.unauthorized, TokenAuthenticator.missingToken) }
        var context = context
        context.tokenHash = AuthTokens.hash(token)
        return try await next(request, context)
    }
}
