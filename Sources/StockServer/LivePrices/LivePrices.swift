import Logging
import StockMarket

/// The live-price machinery of one server: the listing it quotes, the provider-driven poller and the fan-out hub
/// it feeds.
public struct LivePrices: Sendable {
    /// The listing in memory, which the search index, the poller and (on PostgreSQL) the cluster's ear read.
    public let catalog: ListingCatalog
    /// The fan-out to sockets; also the `WatchlistChangeObserver` the watchlist routes must call.
    public let hub: PriceHub
    /// The background service polling the provider.
    public let poller: PricePoller
    /// The price alerts this node evaluates when it polls: between the poller and the hub.
    public let alerts: AlertMonitor
    /// The background service reporting every price stale when ticks stop coming (whatever the feed).
    public let silenceWatch: TickSilenceWatch
    /// This node's open sockets by token, closed when their token is revoked.
    public let tokenSockets = TokenSockets()
    /// Where quotes come from, and how polling runs: what a cluster's leader builds its own poller from.
    public let provider: any PriceProvider
    public let pollerConfiguration: PricePoller.Configuration

    /// Live prices from `provider`, polled every `interval`, following the calendars `configuration` names.
    public init(
        provider: any PriceProvider, stores: Stores, interval: Duration, configuration: LivePricesConfiguration,
        logger: Logger
    ) {
        let calendars = QuoteCalendars(configuration.quoteCalendars)
        catalog = ListingCatalog(store: stores.securities, logger: logger)
        hub = PriceHub(
            watchlists: stores.watchlists, catalog: catalog, maxTicksBehind: configuration.maxTicksBehind,
            calendars: calendars, logger: logger)
        self.provider = provider
        pollerConfiguration = .init(
            interval: interval, staleAfter: configuration.staleAfterPolls, calendars: calendars)
        alerts = AlertMonitor(
            store: stores.alerts, securities: stores.securities, sink: hub, delivery: hub, logger: logger)
        poller = PricePoller(
            provider: provider, catalog: catalog, store: stores.securities, sink: alerts,
            configuration: pollerConfiguration, logger: logger)
        silenceWatch = TickSilenceWatch(hub: hub, interval: interval, staleAfterPolls: configuration.staleAfterPolls)
    }
}
