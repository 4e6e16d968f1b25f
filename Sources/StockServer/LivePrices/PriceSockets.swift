import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import StockAccounts
import StockMarket
import StockStorage

/// `GET /ws/watchlist`: the live prices of the authenticated user's watchlist over a WebSocket.
///
/// The upgrade needs a valid token (bearer header or `?token=`), else it is refused with 401 and a JSON error. The
/// socket gets a `snapshot` of the whole watchlist, then one `prices` message per tick with its changed prices (see
/// `PriceHub`), written by a `PriceSocketHandler`. Client messages are read (pings and close frames answered)
/// and ignored. The socket is closed with 4401 when its token expires or is revoked (`TokenSockets`).
struct PriceSockets: Sendable {
    /// Whether a handshake may upgrade, and whose socket it is.
    enum Decision: Sendable {
        case accept(userID: Int64, token: SocketToken)
        case refuse(PriceSocketRefusal)
    }

    static let path = "/ws/watchlist"
    /// The largest frame a client may send (`ClientFrameRules.maxFrameSize`).
    static let maxFrameSize = ClientFrameRules.maxFrameSize
    /// The kernel send buffer of a socket (Linux doubles it for its bookkeeping): room for the largest snapshot.
    static let kernelSendBuffer: SocketOptionValue = 32 * 1024
    /// The channel turns unwritable past 16 KiB left unsent (and writable again under 8 KiB): the handler then
    /// takes no message from the hub. A tick's message (about 1 KB) leaves a draining socket writable, so it costs
    /// no writability events (and no pause of the reads, `BackPressureHandler`) per message; a socket that does not
    /// drain fills the kernel's buffer, then this much, and then takes nothing more.
    static let writeBufferWaterMark = ChannelOptions.Types.WriteBufferWaterMark(low: 8 * 1024, high: 16 * 1024)

    let hub: PriceHub
    let accounts: any AccountStore
    /// How often sockets are pinged; a socket that misses a pong is dropped.
    let pingInterval: TimeAmount
    /// How long a client closed by the server may take to read up to the close frame.
    let closeGrace: TimeAmount = .seconds(1)
    /// The bytes a socket may leave unsent before it is closed with 1008 (`ConnectionLimits.maxSocketQueueBytes`).
    let maxQueueBytes: Int
    /// The sockets each user holds on this node, within `ConnectionLimits.maxSocketsPerUser`.
    let perUser: SocketsPerUser
    /// The open sockets by token, closed with 4401 when their token is revoked.
    let tokens: TokenSockets
    let deliveryQueues = SocketDeliveryQueues()
    let logger: Logger

    init(
        hub: PriceHub, accounts: any AccountStore, tokens: TokenSockets, pingInterval: Duration, limits: ConnectionLimits,
        logger: Logger
    ) {
        self.hub = hub
        self.accounts = accounts
        self.tokens = tokens
        self.pingInterval = TimeAmount(pingInterval)
        maxQueueBytes = limits.maxSocketQueueBytes
        perUser = SocketsPerUser(limit: limits.maxSocketsPerUser)
        self.logger = logger
    }

    /// Decides a WebSocket handshake on `eventLoop`: the path must be this route's, the token valid and the user
    /// under `maxSocketsPerUser` on this node (else 429). An accepted socket counts for its user until `channel`
    /// closes.
    func decide(_ head: HTTPRequestHead, on channel: any Channel) -> EventLoopFuture<Decision> {
        let eventLoop = channel.eventLoop
        let uri = URI(head.uri)
        guard uri.path == Self.path || uri.path == Self.path + "/" else {
            return eventLoop.makeSucceededFuture(.refuse(.init(.notFound, "no WebSocket route at \(uri.path)")))
        }
        guard let token = TokenAuthenticator.token(authorization: head.headers.first(name: "authorization"), uri: uri)
        else {
            return eventLoop.makeSucceededFuture(.refuse(.init(.unauthorized, TokenAuthenticator.missingToken)))
        }
        let promise = eventLoop.makePromise(of: Decision.self)
        promise.completeWithTask { [accounts, logger, perUser] in
            do {
                let hash = AuthTokens.hash(token)
                guard let authorized = try await accounts.token(hash: hash, now: Date()) else {
                    return .refuse(.init(.unauthorized, TokenAuthenticator.invalidToken))
                }
                let user = authorized.user
                guard perUser.reserve(user.id) else {
                    return .refuse(
                        .init(.tooManyRequests, "too many live-price sockets for this user; close one first"))
                }
                channel.closeFuture.whenComplete { _ in perUser.release(user.id) }
                return .accept(userID: user.id, token: SocketToken(hash: hash, expiresAt: authorized.expiresAt))
            } catch {
                logger.error("could not check a WebSocket token", metadata: ["error": "\(error)"])
                return .refuse(.init(.serviceUnavailable, "accounts are unavailable, try again"))
            }
        }
        return promise.futureResult
    }

    /// The handler serving an accepted socket.
    func handler(for userID: Int64, token: SocketToken) -> PriceSocketHandler {
        PriceSocketHandler(userID: userID, token: token, sockets: self)
    }
}
