import ServiceLifecycle
import StockMarket

/// Where this node's hub gets its ticks from.
public enum PriceFeed: Sendable {
    /// This node polls the provider itself (`LivePrices.poller`); the hub starts at the stored seq.
    case localPoller
    /// Several nodes share the data: `services` deliver the ticks to the hub (and poll on one node), and the
    /// watchlist routes tell `watchlistObserver`, which reaches every node's hub; the alert routes tell
    /// `alertObserver`, which reaches the polling node's alert book.
    case shared(
        services: [any Service], watchlistObserver: any WatchlistChangeObserver,
        alertObserver: any AlertChangeObserver)
}
