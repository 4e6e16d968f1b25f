/// Told about every watchlist change right after it is committed, so that the user's open live-price sockets
/// (on this node, and through the cluster's notifications on every node) follow without reconnecting.
public protocol WatchlistChangeObserver: Sendable {
    func watchlistDidChange(userID: Int64) async
}

/// The hub follows every committed watchlist change: the user's open sockets are re-subscribed, and added
/// securities are sent at once.
extension PriceHub: WatchlistChangeObserver {
    public func watchlistDidChange(userID: Int64) async {
        await watchlistChanged(userID: userID)
    }
}
