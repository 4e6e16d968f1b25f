import Foundation
import Logging
import ServiceLifecycle
import StockServer
#if canImport(Glibc)
import Glibc
#endif

/// A real server on a free loopback port for the hostile-client tests, with the limits shortened so that each
/// case ends in about a second.
struct HostileServer {
    let fixture: LivePricesFixture
    let port: Int
    /// A user watching AAA and BBB, and their token.
    let token: String

    /// The limits the tests run with: a 300 ms idle timeout, a 16 KiB socket bound and a 2-socket user.
    static var configuration: ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.connections.idleTimeout = .milliseconds(300)
        configuration.connections.shutdownGrace = .milliseconds(500)
        configuration.connections.maxRequestHeadBytes = 4096
        configuration.connections.maxSocketQueueBytes = 16 * 1024
        configuration.connections.maxSocketsPerUser = 2
        configuration.livePrices.pingInterval = .seconds(10)
        configuration.logLevel = .critical
        return configuration
    }

    /// Runs `body` against a server built with `configuration`, then shuts the server down gracefully and returns
    /// how long the shutdown took.
    @discardableResult
    static func with(
        _ configuration: ServerConfiguration = Self.configuration, _ body: (HostileServer) async throws -> Void
    ) async throws -> Duration {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        let user = try await fixture.user("mallory", watching: ["AAA", "BBB"])
        var configuration = configuration
        configuration.port = try freePort()
        let app = try await buildApplication(configuration, stores: fixture.stores, livePrices: fixture.livePrices)
        let group = ServiceGroup(services: [app], logger: Logger(label: "hostile"))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await waitUntilListening(port: configuration.port)
            let server = HostileServer(fixture: fixture, port: configuration.port, token: user.token)
            do {
                try await body(server)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            let start = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return ContinuousClock.now - start
        }
    }

    var socketPath: String { "/ws/watchlist?token=\(token)" }

    /// An upgraded socket of the test user, and the bytes that followed the handshake's answer.
    func socket(receiveBuffer: Int32? = nil) async throws -> (RawConnection, [UInt8]) {
        let connection = try RawConnection(port: port, receiveBuffer: receiveBuffer)
        let answer = await connection.upgrade(socketPath)
        guard String(decoding: answer, as: UTF8.self).hasPrefix("HTTP/1.1 101") else {
            throw RawConnectionError("the upgrade was refused: \(String(decoding: answer, as: UTF8.self))")
        }
        return (connection, ClientFrames.afterHead(answer))
    }

    /// A port nobody listens on now (bound to port 0 and released).
    private static func freePort() throws -> Int {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = RawConnection.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw RawConnectionError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func waitUntilListening(port: Int) async throws {
        for _ in 0..<200 {
            if (try? RawConnection(port: port)) != nil { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw RawConnectionError("the server did not listen on \(port)")
    }
}
