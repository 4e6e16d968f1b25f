import AsyncHTTPClient
import Foundation
import NIOCore

/// One `stocktracker serve` process of the built binary, on its own port, logging to a file.
final class ServerNode: @unchecked Sendable {
    /// `.build/debug/stocktracker`, found from this file's place in the repository.
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/stocktracker")

    let name: String
    let port: Int
    let logFile: URL
    private let process = Process()

    /// Starts the node on `port` against the PostgreSQL database `postgresURL`, with `extraArguments` after the
    /// usual ones.
    init(
        name: String, port: Int, postgresURL: String, priceInterval: Double, directory: URL,
        extraArguments: [String] = []
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw NodeError("\(Self.binary.path) is missing: run `swift build` before the cluster test")
        }
        self.name = name
        self.port = port
        logFile = directory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.executableURL = Self.binary
        process.arguments = [
            "serve", "--port", "\(port)", "--postgres", postgresURL, "--price-interval", "\(priceInterval)",
            "--simulated-move-share", "1", "--bcrypt-cost", "4", "--db", directory.appendingPathComponent("unused.sqlite").path,
        ] + extraArguments
        process.standardOutput = log
        process.standardError = log
        process.currentDirectoryURL = directory
        try process.run()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What the node logged so far.
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Waits until `GET /health` answers.
    func waitUntilHealthy(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw NodeError("\(name) exited: \(log)") }
            if let response = try? await HTTP.send("GET", "\(baseURL)/health"), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw NodeError("\(name) did not become healthy: \(log)")
    }

    /// Waits until the node's log holds `text`.
    func waitForLog(_ text: String, timeout: Duration) async throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if log.contains(text) { return .now }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw NodeError("\(name) never logged \"\(text)\": \(log)")
    }

    /// Kills the process at once, as a crash would (no graceful shutdown, no released session).
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the process with SIGTERM and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Sends SIGTERM and waits up to `timeout` for the process to end: its exit status, or `nil` when it was
    /// still running (it is then killed).
    func terminate(within timeout: Duration) async throws -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        guard !process.isRunning else {
            kill()
            return nil
        }
        return process.terminationStatus
    }

    deinit { kill() }

    /// Two nodes on `postgresURL` polling every half second: the first healthy and leading before the second
    /// starts, then the second healthy.
    static func leaderAndFollower(_ names: (String, String), postgresURL: String, directory: URL) async throws
        -> (leader: ServerNode, follower: ServerNode)
    {
        let leader = try ServerNode(
            name: names.0, port: try freeLoopbackPort(), postgresURL: postgresURL, priceInterval: 0.5,
            directory: directory)
        try await leader.waitUntilHealthy()
        _ = try await leader.waitForLog("this node leads", timeout: .seconds(10))
        let follower = try ServerNode(
            name: names.1, port: try freeLoopbackPort(), postgresURL: postgresURL, priceInterval: 0.5,
            directory: directory)
        try await follower.waitUntilHealthy()
        return (leader, follower)
    }
}

struct NodeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Plain JSON requests through AsyncHTTPClient.
enum HTTP {
    struct Response {
        var status: UInt
        var body: Data
        func json<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: body) }
    }

    /// Registers `username` on the node at `baseURL` and logs in: the token.
    static func registeredToken(_ username: String, on baseURL: String) async throws -> String {
        struct Login: Decodable { var token: String }
        let credentials = #"{"username": "\#(username)", "password": "correct horse battery"}"#
        let registered = try await send("POST", "\(baseURL)/auth/register", json: credentials)
        guard registered.status == 201 else { throw NodeError("registering \(username): \(registered.status)") }
        return try await send("POST", "\(baseURL)/auth/login", json: credentials).json(Login.self).token
    }

    static func send(
        _ method: String, _ url: String, token: String? = nil, json: String? = nil, headers: [(String, String)] = []
    ) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        request.headers.add(contentsOf: headers)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Response(status: response.status.code, body: Data(buffer: body))
    }
}

/// A loopback TCP port nothing listens on now: the kernel picks it for a socket bound to port 0.
func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw NodeError("socket() failed") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
        }
    }
    guard bound else { throw NodeError("could not bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
