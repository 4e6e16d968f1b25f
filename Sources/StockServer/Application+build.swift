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
    try await stores.importBundledListingIfEmpty(logger: logger)

    let router = Router(context: AppRequestContext.self)
    router.middlewares.add(LogRequestsMiddleware(.debug))
    router.middlewares.add(MetricsMiddleware())
    router.middlewares.add(JSONErrorMiddleware())
    HealthController().addRoutes(to: router)
    MetricsController(registry: PrometheusMetricsFactory.defaultRegistry).addRoutes(to: router)

    return Application(
        router: router,
        server: .http1WebSocketUpgrade(webSocketRouter: router),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        logger: logger)
}
