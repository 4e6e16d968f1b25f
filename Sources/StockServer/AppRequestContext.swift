import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import StockStorage

/// The request context of every route, WebSocket upgrades included.
public struct AppRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// The user the bearer token belongs to, set by `TokenAuthenticator` on authenticated routes.
    public var user: UserAccount?
    /// The SHA-256 hash of the bearer token that authenticated the request.
    public var tokenHash: Data?
    /// The client's address, for per-address limits.
    public let remoteAddress: String?
    /// The connection's channel, for closing a WebSocket without waiting on its client.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remoteAddress = source.channel.remoteAddress?.ipAddress
        channel = source.channel
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
