import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// Opens the sockets of a run: TCP to the server (from a given local address), HTTP/1 upgrade to WebSocket with
/// NIO's client upgrader, then `PriceFrameHandler` as the only handler of the socket's own.
///
/// Socket i goes to event loop i mod loops, server i mod servers and local address i mod addresses.
struct SocketConnector: Sendable {
    /// Each event loop with the statistics its sockets record into.
    let loops: [NIOLoopBound<LoopStatistics>]
    let targets: SocketTargets
    let control: LoadControl

    /// A socket whose upgrade the server refused (401 for a bad token, for example).
    struct UpgradeRefused: Error {}

    #if os(Linux)
    /// `IP_BIND_ADDRESS_NO_PORT` (Linux `<linux/in.h>`, not exported by Glibc): with a bound source address,
    /// leave the choice of the port to `connect`, so that one local address's ports are shared between servers.
    private static let bindAddressNoPort = ChannelOptions.Types.SocketOption(
        level: .ip, name: NIOBSDSocket.Option(rawValue: 24))
    #endif

    /// Opens sockets for `tokens` (socket i carries token i), `parallel` handshakes at a time, and returns the
    /// open channels and the errors of the others.
    func connectAll(tokens: [Substring], parallel: Int) async -> (channels: [any Channel], errors: [any Error]) {
        await withTaskGroup(of: ([any Channel], [any Error]).self) { group in
            for worker in 0..<min(max(parallel, 1), tokens.count) {
                group.addTask {
                    var channels = [any Channel]()
                    var errors = [any Error]()
                    for index in stride(from: worker, to: tokens.count, by: parallel) {
                        do {
                            channels.append(try await connect(token: tokens[index], index: index))
                        } catch {
                            errors.append(error)
                        }
                    }
                    return (channels, errors)
                }
            }
            var channels = [any Channel]()
            var errors = [any Error]()
            for await (workerChannels, workerErrors) in group {
                channels += workerChannels
                errors += workerErrors
            }
            return (channels, errors)
        }
    }

    /// One socket, upgraded and reading, or an error.
    func connect(token: Substring, index: Int) async throws -> any Channel {
        let statistics = loops[index % loops.count]
        let server = targets.server(forSocket: index)
        var bootstrap = ClientBootstrap(group: statistics.eventLoop)
        if let source = targets.sourceAddress(forSocket: index) {
            #if os(Linux)
            bootstrap = bootstrap.channelOption(Self.bindAddressNoPort, value: 1)
            #endif
            bootstrap = bootstrap.bind(to: source)
        }
        let control = control
        let (channel, upgraded) = try await bootstrap.connect(to: server.address) { channel in
            channel.eventLoop.makeCompletedFuture {
                let upgrader = NIOTypedWebSocketClientUpgrader<Bool>(maxFrameSize: 1 << 16) { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            PriceFrameHandler(statistics: statistics.value, control: control))
                        return true
                    }
                }
                var headers = HTTPHeaders()
                headers.add(name: "Host", value: server.host)
                headers.add(name: "Content-Length", value: "0")
                let request = HTTPRequestHead(
                    version: .http1_1, method: .GET, uri: "\(server.path)?token=\(token)", headers: headers)
                let upgrade = NIOTypedHTTPClientUpgradeConfiguration(
                    upgradeRequestHead: request, upgraders: [upgrader],
                    notUpgradingCompletionHandler: { channel in channel.close().map { false } })
                var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: upgrade)
                // The snapshot may come in the same read as the 101 response: keep the bytes after it.
                pipeline.leftOverBytesStrategy = .forwardBytes
                let upgraded = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                    configuration: pipeline)
                return (channel, upgraded)
            }
        }
        guard try await upgraded.get() else { throw UpgradeRefused() }
        return channel
    }
}
