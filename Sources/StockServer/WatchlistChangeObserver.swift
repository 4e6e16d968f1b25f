/// Told about every watchlist change right after it is committed, so that the user's open live-price sockets
/// (on this node, and through the cluster's notifications on every node) follow without reconnecting.
public protocol WatchlistChangeObserver: Sendable {
    func watchlistDidChange(userID: Int64) async
}
