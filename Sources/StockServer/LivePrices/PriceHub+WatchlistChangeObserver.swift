import StockMarket

/// The hub follows every committed watchlist change: the user's open sockets are re-subscribed, and added
/// securities are sent at once.
extension PriceHub: WatchlistChangeObserver {
    public func watchlistDidChange(userID: Int64) async {
        await watchlistChanged(userID: userID)
    }
}
