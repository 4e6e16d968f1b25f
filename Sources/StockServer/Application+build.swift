import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Prometheus
import ServiceLifecycle
import StockAccounts
import StockMarket
import StockModel

/// Builds the service on the given stores and live prices (the composition root, `StockApp`, picks them; tests
/// pass their own). `feed` says whether this node polls or a cluster delivers the ticks; `watchlistObserver`, told
/// about every committed watchlist change, defaults to the feed's (the hub when polling locally).
public func buildApplication(
    _ configuration: ServerConfiguration, stores: Stores, livePrices: LivePrices, feed: PriceFeed = .localPoller,
    watchlistObserver: (any WatchlistChangeObserver)? = nil
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "stocktracker")
    logger.logLevel = configuration.logLevel
    let feedServices: [any Service]
    let feedObserver: any WatchlistChangeObserver
    switch feed {
    case .localPoller:
        // The hub starts at the stored seq, so that a snapshot sent before the first poll carries it.
        livePrices.hub.publish(PriceTick(seq: try await stores.securities.lastPriceSeq(), at: Date(), changes: []))
        (feedServices, feedObserver) = ([livePrices.poller], livePrices.hub)
    case .shared(let services, let observer):
        (feedServices, feedObserver) = (services, observer)
    }
    let catalog = livePrices.catalog
    let search = SecuritySearch(catalog.listing)
    search.follow(catalog)
    try await catalog.refresh()
    logger.info("search index built", metadata: ["securities": "\(search.statistics.records)"])

    let router = Router(context: AppRequestContext.self)
    router.middlewares.add(LogRequestsMiddleware(.debug))
    router.middlewares.add(MetricsMiddleware())
    router.middlewares.add(JSONErrorMiddleware())
    HealthController().addRoutes(to: router)
    MetricsController(registry: PrometheusMetricsFactory.defaultRegistry).addRoutes(to: router)
    AuthController(
        accounts: stores.accounts, hasher: PasswordHasher(cost: configuration.bcryptCost),
        limiter: LoginRateLimiter(limits: configuration.loginLimits), tokenLifetime: configuration.tokenLifetime
    ).addRoutes(to: router)
    WatchlistController(
        accounts: stores.accounts, securities: stores.securities, watchlists: stores.watchlists,
        observer: watchlistObserver ?? feedObserver, hub: livePrices.hub
    ).addRoutes(to: router)
    SecurityController(search: search, hub: livePrices.hub).addRoutes(to: router)
    SecurityDetailController(securities: stores.securities, hub: livePrices.hub).addRoutes(to: router)

    let sockets = PriceSockets(
        hub: livePrices.hub, accounts: stores.accounts, pingInterval: configuration.livePrices.pingInterval,
        limits: configuration.connections, logger: logger)

    return Application(
        router: router,
        server: HTTPServerBuilder { responder in
            HTTPWithPriceSocketsChannel(responder: responder, sockets: sockets, limits: configuration.connections)
        },
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        services: [catalog] + feedServices,
        logger: logger)
}
