import Hummingbird
import HummingbirdWebSocket
import Logging
import Prometheus

/// Builds the whole service: storage, routes and background services.
public func buildApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    try await buildApplication(configuration, stores: .sqlite(path: configuration.databasePath))
}

/// Builds the service on the given stores (tests pass their own).
public func buildApplication(_ configuration: ServerConfiguration, stores: Stores) async throws
    -> some ApplicationProtocol
{
    var logger = Logger(label: "stocktracker")
    logger.logLevel = configuration.logLevel
    return try await buildApplication(
        configuration, stores: stores, livePrices: LivePrices(configuration, stores: stores, logger: logger))
}

/// Builds the service on the given stores and live prices (tests pass their own provider through `livePrices`).
public func buildApplication(_ configuration: ServerConfiguration, stores: Stores, livePrices: LivePrices)
    async throws -> some ApplicationProtocol
{
    var logger = Logger(label: "stocktracker")
    logger.logLevel = configuration.logLevel
    try await stores.importBundledListingIfEmpty(logger: logger)

    let router = Router(context: AppRequestContext.self)
    router.middlewares.add(LogRequestsMiddleware(.debug))
    router.middlewares.add(MetricsMiddleware())
    router.middlewares.add(JSONErrorMiddleware())
    HealthController().addRoutes(to: router)
    MetricsController(registry: PrometheusMetricsFactory.defaultRegistry).addRoutes(to: router)
    WatchlistSocketController(hub: livePrices.hub, accounts: stores.accounts).addRoutes(to: router)

    return Application(
        router: router,
        server: .http1WebSocketUpgradeAnsweringRefusals(
            webSocketRouter: router,
            configuration: .init(ws: .init(
                maxFrameSize: 1 << 12, autoPing: .enabled(timePeriod: configuration.livePrices.pingInterval)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        services: [livePrices.poller],
        logger: logger)
}
