import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `stocktracker serve` on a free port with a fresh database, stopped on deinit; it can be stopped and
/// started again on the same port and database.
final class ServerProcess {
    /// `.build/debug/stocktracker` of this package (found from this file's path).
    static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/stocktracker")

    let port: Int
    let url: String
    let log: URL
    private let arguments: [String]
    private var pid: pid_t?

    init(directory: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw E2EError("\(Self.binary.path) is missing: run `swift build` first")
        }
        port = try Self.freePort()
        url = "http://127.0.0.1:\(port)"
        log = directory.appendingPathComponent("server.log")
        arguments = ["serve", "--host", "127.0.0.1", "--port", "\(port)",
                     "--db", directory.appendingPathComponent("e2e.sqlite").path, "--price-interval", "1"]
        try start()
    }

    deinit { stop() }

    /// Starts the server (again).
    func start() throws {
        guard pid == nil else { return }
        pid = try Subprocess.spawn(Self.binary.path, arguments, output: log.path)
    }

    /// Stops the server: SIGTERM, and SIGKILL when it has not exited after `grace` (a graceful shutdown can wait
    /// for open connections; the test only needs the server gone).
    func stop(grace: Duration = .seconds(5)) {
        guard let pid else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while waitpid(pid, nil, WNOHANG) == 0 {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                Subprocess.wait(pid)
                break
            }
            usleep(50_000)
        }
        self.pid = nil
    }

    private var isRunning: Bool { pid.map { waitpid($0, nil, WNOHANG) == 0 } ?? false }

    /// Waits until the port accepts connections.
    func waitUntilListening(timeout: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !Self.accepts(port: port) {
            guard isRunning else { throw E2EError("the server exited: \(serverLog)") }
            guard clock.now < deadline else { throw E2EError("the server did not listen in time: \(serverLog)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    var serverLog: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// A port the kernel just handed out (bound to 0, then released).
    private static func freePort() throws -> Int {
        let socket = Self.makeSocket()
        defer { close(socket) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw E2EError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(port: Int) -> Bool {
        let socket = Self.makeSocket()
        defer { close(socket) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func makeSocket() -> Int32 {
        #if canImport(Glibc)
        socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
