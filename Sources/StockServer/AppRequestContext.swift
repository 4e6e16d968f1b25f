import Foundation
import Hummingbird
import StockStorage

/// The request context of every route.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The user the bearer token belongs to, set by `TokenAuthenticator` on authenticated routes.
    public var user: UserAccount?
    /// The SHA-256 hash of the bearer token that authenticated the request.
    public var tokenHash: Data?
    /// The client's address, for per-address limits.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON answers write times in ISO 8601 (`2026-11-25T08:15:00Z`).
    public var responseEncoder: JSONEncoder { Self.jsonEncoder }

    private static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// The authenticated user, or a 401 when the route was reached without one.
    public func requireUser() throws -> UserAccount {
        guard let user else { throw APIError(.unauthorized, "authentication required: send Authorization: Bearer <token>") }
        return user
    }
}
