// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "StockTracker",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stocktracker", targets: ["StockTrackerCLI"]),
        .library(name: "StockSearch", targets: ["StockSearch"]),
        .executable(name: "search-benchmark", targets: ["SearchBenchmark"]),
        .executable(name: "socket-load", targets: ["SocketLoad"]),
        .executable(name: "quotes-benchmark", targets: ["QuotesBenchmark"]),
        .executable(name: "alerts-benchmark", targets: ["AlertsBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: []),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        // ICU normalization behind plain C names (ICU's own symbols carry a version suffix).
        .target(
            name: "CICU",
            path: "Sources/CICU",
            linkerSettings: [.linkedLibrary("icuuc")]
        ),
        // The search engine: normalizer, index, ranking. Pure: no HTTP, no database.
        .target(
            name: "StockSearch",
            dependencies: ["CICU"],
            path: "Sources/StockSearch"
        ),
        .target(
            name: "SearchEval",
            dependencies: ["StockSearch", "StockListing"],
            path: "Sources/SearchEval"
        ),
        .executableTarget(
            name: "SearchBenchmark",
            dependencies: [
                "StockSearch",
                "SearchEval",
                "StockModel",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/SearchBenchmark"
        ),
        .testTarget(
            name: "StockSearchTests",
            dependencies: ["StockSearch", "SearchEval"],
            path: "Tests/StockSearchTests"
        ),
        // Listing files (Nasdaq Trader symbol directory, generic CSV) into records. Pure.
        .target(name: "StockListing"),
        // The models every side shares: Price (exact), Security, PriceUpdate, PriceTick, QuotedSecurity. Pure.
        .target(name: "StockModel"),
        // JSON bytes written by hand for the hot paths (search answers, price messages): the one string escaper.
        .target(name: "StockJSON", dependencies: ["StockModel", "StockQuotes"]),
        // Exchange calendars: time zones, sessions, weekends, holidays and early closes (market_state). Pure.
        .target(name: "StockCalendar", dependencies: ["StockModel"]),
        // Quotes: change against the previous close, the trading day per security (roll-over, day range, volume,
        // market state), intraday history, the simulated trading day's motion. Pure.
        .target(name: "StockQuotes", dependencies: ["StockModel", "StockCalendar"]),
        // The quote book's memory over a trading day and its CPU cost per tick (see docs/quotes.md).
        .executableTarget(name: "QuotesBenchmark", dependencies: ["StockQuotes", "StockModel", "StockCalendar"]),
        // Price alerts: the book of active alerts and what each tick fires (docs/alerts.md). Pure.
        .target(name: "StockAlerts", dependencies: ["StockModel"]),
        // The storage protocols, the account model and the listing importer.
        .target(name: "StockStorage", dependencies: ["StockListing", "StockModel"]),
        // Live prices: the in-memory listing catalog, providers (simulated market, HTTP snapshot API), the poller
        // and the fan-out hub with its socket side.
        .target(
            name: "StockMarket",
            dependencies: [
                "StockModel", "StockStorage", "StockJSON", "StockQuotes", "StockCalendar", "StockAlerts",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The embedded SQLite store (GRDB).
        .target(
            name: "StockStorageSQLite",
            dependencies: ["StockModel", "StockStorage", .product(name: "GRDB", package: "GRDB.swift")]),
        // The shared PostgreSQL store (postgres-nio) for several nodes.
        .target(
            name: "StockStoragePostgres",
            dependencies: [
                "StockModel", "StockStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The listing the app ships and imports into an empty database.
        .target(name: "StockFixtures", path: "Fixtures", resources: [.copy("securities.csv")]),
        // Account helpers the server and the tools share: login tokens and bcrypt off the event loops.
        .target(
            name: "StockAccounts",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // Hummingbird application: routes, auth, and the live-price WebSocket on a raw NIO pipeline. It sees the
        // stores only through the StockStorage protocols (.ci/check-modules.sh).
        .target(
            name: "StockServer",
            dependencies: [
                "StockSearch", "StockModel", "StockJSON", "StockStorage", "StockMarket", "StockAccounts",
                "StockQuotes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // GET /openapi.json serves it as committed; GET / and /web/* serve the web client's files as they are.
            resources: [.copy("OpenAPI/openapi.json"), .copy("Web/WebClient")]),
        // Live prices across the nodes sharing PostgreSQL: advisory-lock leadership of the price poller, the
        // LISTENing ear of each node, the leader's tick recorder.
        .target(
            name: "StockCluster",
            dependencies: [
                "StockStoragePostgres", "StockStorage", "StockMarket", "StockModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The composition root: picks the stores, the price provider and the cluster services, and runs them with
        // the application in one ServiceGroup.
        .target(
            name: "StockApp",
            dependencies: [
                "StockServer", "StockCluster", "StockMarket", "StockStorage", "StockStorageSQLite",
                "StockStoragePostgres", "StockFixtures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The client library: the HTTP API and the live-price WebSocket, as typed Swift calls.
        .target(
            name: "StockClient",
            dependencies: [
                "StockModel", "StockQuotes",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        // The terminal client: state, key handling, rendering (pure) and the raw-mode terminal it runs on.
        .target(name: "StockTerminal", dependencies: ["StockClient", "StockModel", "StockQuotes"]),
        // The one executable.
        .executableTarget(
            name: "StockTrackerCLI",
            dependencies: [
                "StockAccounts", "StockApp", "StockServer", "StockSearch", "StockStorage", "StockListing", "StockClient",
                "StockTerminal", "StockModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),
        // The live-price load tool (see docs/benchmarks.md).
        .executableTarget(
            name: "SocketLoad",
            dependencies: [
                "StockAccounts", "StockCalendar", "StockServer", "StockStorage", "StockStorageSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]),
        // The price-alert benchmark (`alerts-benchmark`, see docs/alerts.md).
        .executableTarget(name: "AlertsBenchmark", dependencies: ["StockAlerts", "StockModel"]),
        .testTarget(name: "StockListingTests", dependencies: ["StockListing"]),
        .testTarget(name: "StockModelTests", dependencies: ["StockModel"]),
        .testTarget(name: "StockCalendarTests", dependencies: ["StockCalendar"]),
        .testTarget(name: "StockQuotesTests", dependencies: ["StockQuotes", "StockModel", "StockCalendar"]),
        .testTarget(name: "StockAlertsTests", dependencies: ["StockAlerts", "StockModel"]),
        .testTarget(
            name: "StockStorageTests",
            dependencies: [
                "StockModel", "StockStorage", "StockStorageSQLite", "StockStoragePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "StockTrackerCLITests", dependencies: ["StockTrackerCLI"]),
        // Spawns the built `stocktracker` binary: two nodes sharing PostgreSQL.
        .testTarget(
            name: "StockClusterTests",
            dependencies: [
                "StockStoragePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "StockMarketTests",
            dependencies: [
                "StockMarket", "StockModel", "StockStorage", "StockStorageSQLite", "StockListing", "StockQuotes",
                "StockCalendar",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "StockServerTests",
            dependencies: [
                "StockServer", "StockMarket", "StockModel", "StockStorage", "StockListing", "StockApp", "StockFixtures",
                "StockAccounts", "StockQuotes", "StockStorageSQLite",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The WebSocket frame fuzz target's replay (Tests/StockServerTests/Fuzz).
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]),
        .testTarget(
            name: "StockClientTests",
            dependencies: [
                "StockClient", "StockModel", "StockServer", "StockApp", "StockQuotes",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // The terminal's state and effects against a real server (an alert firing end to end).
                "StockTerminal",
            ]),
        .testTarget(name: "StockTerminalTests", dependencies: ["StockTerminal", "StockClient", "StockModel", "StockQuotes"]),
        // Runs the built `stocktracker` (serve, and watch inside tmux); build the executable first.
        .testTarget(name: "StockEndToEndTests"),
    ]
)
