// swift-tools-version:6.1
import Foundation
import PackageDescription

// The `stocktracker` CLI target is written on main; on a branch without it the manifest stays valid.
let hasCLI = FileManager.default.fileExists(atPath: Context.packageDirectory + "/Sources/StockTrackerCLI")

let package = Package(
    name: "StockTracker",
    platforms: [.macOS(.v14)],
    products: (hasCLI ? [.executable(name: "stocktracker", targets: ["StockTrackerCLI"])] : []) + [
        .library(name: "StockSearch", targets: ["StockSearch"]),
        .executable(name: "search-benchmark", targets: ["SearchBenchmark"]),
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
    ],
    targets: [
        .target(
            name: "CICU",
            path: "Sources/CICU",
            linkerSettings: [.linkedLibrary("icuuc")]
        ),
        .target(
            name: "StockSearch",
            dependencies: ["CICU"],
            path: "Sources/StockSearch"
        ),
        .target(
            name: "SearchEval",
            dependencies: ["StockSearch"],
            path: "Sources/SearchEval"
        ),
        .executableTarget(
            name: "SearchBenchmark",
            dependencies: [
                "StockSearch",
                "SearchEval",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/SearchBenchmark"
        ),
        .testTarget(
            name: "StockSearchTests",
            dependencies: ["StockSearch", "SearchEval"],
            path: "Tests/StockSearchTests"
        ),
    ]
)
