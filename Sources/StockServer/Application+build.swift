import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Prometheus
import ServiceLifecycle
import StockAccounts
import StockMarket
import StockModel
import StockStorage

/// Builds the service on the given stores and live prices (the composition root, `StockApp`, picks them; tests
/// pass their own). `feed` says whether this node polls or a cluster delivers the ticks; `watchlistObserver`, told
/// about every committed watchlist change, defaults to the feed's (the hub when polling locally);
/// `tokenRevocations`, told about every logout, defaults to this node's `livePrices.tokenSockets` (a cluster
/// passes its `NOTIFY`, which reaches every node's).
public func buildApplication(
    _ configuration: ServerConfiguration, stores: Stores, livePrices: LivePrices, feed: PriceFeed = .localPoller,
    watchlistObserver: (any WatchlistChangeObserver)? = nil, tokenRevocations: (any TokenRevocationObserver)? = nil
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "stocktracker")
    logger.logLevel = configuration.logLevel
    let feedServices: [any Service]
    let feedObserver: any WatchlistChangeObserver
    let alertObserver: any AlertChangeObserver
    switch feed {
    case .localPoller:
        // The hub starts at the stored seq, so that a snapshot sent before the first poll carries it.
        livePrices.hub.publish(PriceTick(seq: try await stores.securities.lastPriceSeq(), at: Date(), changes: []))
        feedServices = [livePrices.alerts, livePrices.poller]
        (feedObserver, alertObserver) = (livePrices.hub, livePrices.alerts)
    case .shared(let services, let observer, let alerts):
        (feedServices, feedObserver, alertObserver) = (services, observer, alerts)
    }
    let catalog = livePrices.catalog
    let search = SecuritySearch(catalog.listing, responseCacheBytes: configuration.searchCacheBytes)
    search.follow(catalog)
    try await catalog.refresh()
    logger.info("search index built", metadata: ["securities": "\(search.statistics.records)"])

    let router = try buildRouter(
        configuration, stores: stores, search: search, hub: livePrices.hub,
        watchlistObserver: watchlistObserver ?? feedObserver, alertObserver: alertObserver,
        tokenRevocations: tokenRevocations ?? livePrices.tokenSockets)

    let sockets = PriceSockets(
        hub: livePrices.hub, accounts: stores.accounts, tokens: livePrices.tokenSockets,
        pingInterval: configuration.livePrices.pingInterval, limits: configuration.connections, logger: logger)
    let tokenSweeper = DeadTokenSweeper(accounts: stores.accounts, interval: configuration.accounts.tokenSweepInterval, logger: logger)

    return Application(
        router: router,
        server: HTTPServerBuilder { responder in
            HTTPWithPriceSocketsChannel(responder: responder, sockets: sockets, limits: configuration.connections)
        },
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        services: [catalog, livePrices.silenceWatch, tokenSweeper] + feedServices,
        logger: logger)
}

/// The router of every HTTP route, with the middleware every request passes (`/ws/watchlist` is served by the
/// connection's upgrader, not by the router). Every route here is also in `GET /openapi.json`
/// (`OpenAPI/openapi.json`); `OpenAPIDocumentTests` compares the two.
func buildRouter(
    _ configuration: ServerConfiguration, stores: Stores, search: SecuritySearch, hub: PriceHub,
    watchlistObserver: any WatchlistChangeObserver, alertObserver: any AlertChangeObserver,
    tokenRevocations: any TokenRevocationObserver
) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.middlewares.add(RedactedRequestLog(.debug))
    router.middlewares.add(MetricsMiddleware())
    router.middlewares.add(JSONErrorMiddleware())
    HealthController().addRoutes(to: router)
    MetricsController(registry: PrometheusMetricsFactory.defaultRegistry).addRoutes(to: router)
    let limits = configuration.accounts
    let passwordChecks = PasswordChecks(
        accounts: stores.accounts,
        hashing: PasswordHashQueue(
            hasher: PasswordHasher(cost: configuration.bcryptCost), maximumPending: limits.maxPendingHashes),
        limiter: LoginRateLimiter(limits: limits.loginLimits), proxies: try TrustedProxies(cidrs: limits.trustedProxies))
    AuthController(
        accounts: stores.accounts, checks: passwordChecks,
        registrations: RegistrationRateLimiter(
            perAddress: limits.registrationsPerAddress, window: limits.registrationWindow),
        revocations: tokenRevocations, tokenLifetime: configuration.tokenLifetime
    ).addRoutes(to: router)
    let watchlistItems = WatchlistItems(
        securities: stores.securities, watchlists: stores.watchlists,
        scoped: stores.watchlists as? any TokenScopedWatchlistStore ?? TwoStepTokenScopedWatchlists(
            accounts: stores.accounts, watchlists: stores.watchlists, securities: stores.securities),
        accounts: stores.accounts, observer: watchlistObserver, hub: hub, limits: configuration.watchlists)
    WatchlistController(accounts: stores.accounts, items: watchlistItems).addRoutes(to: router)
    WatchlistsController(accounts: stores.accounts, items: watchlistItems).addRoutes(to: router)
    AlertsController(
        accounts: stores.accounts, alerts: stores.alerts, observer: alertObserver,
        maximumPerUser: configuration.maxAlertsPerUser
    ).addRoutes(to: router)
    SecurityController(search: search, hub: hub).addRoutes(to: router)
    SecurityDetailController(securities: stores.securities, hub: hub).addRoutes(to: router)
    OpenAPIController(document: try OpenAPIDocument.bytes()).addRoutes(to: router)
    try WebClientController().addRoutes(to: router)
    return router
}
