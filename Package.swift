// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "StockTracker",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stocktracker", targets: ["StockTrackerCLI"]),
        .executable(name: "socket-load", targets: ["SocketLoad"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        // Listing files (Nasdaq Trader symbol directory, generic CSV) into records. Pure.
        .target(name: "StockListing"),
        // Models and the storage protocols.
        .target(name: "StockStorage", dependencies: ["StockListing"]),
        // Live prices: providers (simulated market, HTTP snapshot API), the poller and the fan-out hub.
        .target(
            name: "StockMarket",
            dependencies: [
                "StockStorage",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The embedded SQLite store (GRDB).
        .target(
            name: "StockStorageSQLite",
            dependencies: ["StockStorage", .product(name: "GRDB", package: "GRDB.swift")]),
        // The listing the app ships and imports into an empty database.
        .target(name: "StockFixtures", path: "Fixtures", resources: [.copy("securities.csv")]),
        // Hummingbird application: routes, auth, WebSocket.
        .target(
            name: "StockServer",
            dependencies: [
                "StockStorage", "StockStorageSQLite", "StockFixtures", "StockMarket",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The one executable.
        .executableTarget(
            name: "StockTrackerCLI",
            dependencies: [
                "StockServer", "StockStorage", "StockStorageSQLite", "StockListing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),
        // The live-price load tool (see docs/benchmarks-prices.md).
        .executableTarget(
            name: "SocketLoad",
            dependencies: [
                "StockServer", "StockStorage", "StockStorageSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "StockListingTests", dependencies: ["StockListing"]),
        .testTarget(name: "StockStorageTests", dependencies: ["StockStorage", "StockStorageSQLite"]),
        .testTarget(
            name: "StockMarketTests",
            dependencies: [
                "StockMarket", "StockStorage", "StockStorageSQLite", "StockListing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "StockServerTests",
            dependencies: [
                "StockServer", "StockMarket", "StockStorage", "StockListing",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
            ]),
    ]
)
