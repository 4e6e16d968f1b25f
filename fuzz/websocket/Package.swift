// swift-tools-version:6.1
// The libFuzzer target of the live-price socket's frame path, a package of its own so that swift-nio is built with
// the fuzzer's coverage and AddressSanitizer (`swift build --sanitize=fuzzer --sanitize=address`, by
// `fuzz/run.sh websocket SECONDS`). Its sources are links to the server's frame files and to the target's checks in
// Tests/StockServerTests/Fuzz, compiled as one module with FUZZING defined.
import PackageDescription

let package = Package(
    name: "WebSocketFrameFuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "WebSocketFrameFuzzer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: [.define("FUZZING"), .unsafeFlags(["-warnings-as-errors"])]),
    ]
)
