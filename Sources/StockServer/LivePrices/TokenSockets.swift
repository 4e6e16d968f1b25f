import Foundation
import StockMarket
import StockStorage
import Synchronization

extension PriceSocketClose {
    /// The socket's token was revoked (logout): 4401, log in again.
    static let tokenRevoked = PriceSocketClose(code: 4401, reason: "the token was revoked: log in again")
    /// The socket's token expired: 4401, log in again.
    static let tokenExpired = PriceSocketClose(code: 4401, reason: "the token expired: log in again")
}

/// The open live-price sockets of this node by the SHA-256 hash of the token each was opened with, so that a
/// revoked token's sockets close with 4401 (`PriceSocketClose.tokenRevoked`). On one node the logout route tells
/// it directly; in a cluster every node's listener tells its own, from the logout's `NOTIFY`.
public final class TokenSockets: OpenTokens, Sendable {
    private let sockets = Mutex<[Data: [ObjectIdentifier: PriceSocketHandle]]>([:])

    public init() {}

    /// The tokens with at least one open socket here (a cluster checks them again after missing notifications).
    public var openTokenHashes: [Data] { sockets.withLock { Array($0.keys) } }

    /// Closes the open sockets of the token with 4401.
    public func tokenRevoked(hash: Data) async {
        let closing = sockets.withLock { $0.removeValue(forKey: hash) } ?? [:]
        for socket in closing.values { socket.close(.tokenRevoked) }
    }

    /// Notes an open socket of `token` (its connection is accepted).
    func add(_ socket: PriceSocketHandle, token: Data) {
        sockets.withLock { $0[token, default: [:]][ObjectIdentifier(socket)] = socket }
    }

    /// Forgets a socket (it closed).
    func remove(_ socket: PriceSocketHandle, token: Data) {
        sockets.withLock { sockets in
            sockets[token]?[ObjectIdentifier(socket)] = nil
            if sockets[token]?.isEmpty == true { sockets[token] = nil }
        }
    }
}

/// The token a socket was opened with: its hash (for revocation) and its expiry (the socket closes then).
struct SocketToken: Sendable {
    var hash: Data
    var expiresAt: Date
}
