import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Prometheus
import StockMarket

/// Builds the whole service: storage, routes and background services.
public func buildApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    try await buildApplication(configuration, stores: .sqlite(path: configuration.databasePath))
}

/// Builds the service on the given stores (tests pass their own). `livePrices` defaults to the provider the
/// configuration names; `watchlistObserver`, told about every committed watchlist change, defaults to the hub.
public func buildApplication(
    _ configuration: ServerConfiguration, stores: Stores, livePrices: LivePrices? = nil,
    watchlistObserver: (any WatchlistChangeObserver)? = nil
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "stocktracker")
    logger.logLevel = configuration.logLevel
    let livePrices = try livePrices ?? LivePrices(configuration, stores: stores, logger: logger)
    // On PostgreSQL several nodes share the data: one of them polls, all of them push.
    let cluster = stores.postgres.map { PriceCluster(storage: $0, livePrices: livePrices, logger: logger) }
    try await stores.importBundledListingIfEmpty(logger: logger)
    if cluster == nil {
        // The hub starts at the stored seq, so that a snapshot sent before the first poll carries it.
        livePrices.hub.publish(PriceTick(seq: try await stores.securities.lastPriceSeq(), at: Date(), changes: []))
    }
    let search = try await SecuritySearch.load(from: stores.securities)
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
        observer: watchlistObserver ?? cluster?.watchlistObserver ?? livePrices.hub
    ).addRoutes(to: router)
    SecurityController(search: search, hub: livePrices.hub).addRoutes(to: router)

    let sockets = WatchlistSockets(
        hub: livePrices.hub, accounts: stores.accounts, pingInterval: configuration.livePrices.pingInterval,
        logger: logger)
    let refresher = SearchIndexRefresher(
        search: search, store: stores.securities, interval: .seconds(2), logger: logger)

    return Application(
        router: router,
        server: HTTPServerBuilder { responder in
            HTTPWithLivePricesChannel(responder: responder, sockets: sockets)
        },
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        services: [refresher] + (cluster?.services ?? [livePrices.poller]),
        logger: logger)
}
