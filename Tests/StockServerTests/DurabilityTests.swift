import Foundation
import Hummingbird
import HummingbirdTesting
import StockApp
import StockServer
import Testing

/// Runs the built `stocktracker serve` as a child process, to kill it the hard way.
struct ServerProcess {
    /// The debug build of the executable, which `swift test` builds with the tests.
    static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/stocktracker")

    let process: Process
    let port: Int

    /// Starts the server on a free port and waits until it listens.
    static func start(database: String, log: URL) async throws -> ServerProcess {
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "\(binary.path) is missing: run the tests with `swift test`, which builds it")
        try #require(FileManager.default.createFile(atPath: log.path, contents: nil))
        let output = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--db", database, "--bcrypt-cost", "4"]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, process.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("listening on 127.0.0.1:") }),
                let port = line.split(separator: ":").last.flatMap({ Int($0.prefix { $0.isNumber }) })
            {
                return ServerProcess(process: process, port: port)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        Issue.record("the server did not start listening; its output:\n\(text)")
        throw CancellationError()
    }

    /// SIGKILL: no shutdown code runs.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends one request on a new connection.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil)
        async throws -> Reply
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let request = TestClient.Request(uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.execute(request)
        }
        return Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body ?? .init()))
    }
}

@Suite("Durability")
struct DurabilityTests {
    @Test("every acknowledged watchlist change survives a SIGKILL of the server")
    func survivesKill() async throws {
        let directory = try TemporaryDirectory()
        let ids = try await addTestSecurities(60, to: .sqlite(path: directory.databasePath))

        let server = try await ServerProcess.start(
            database: directory.databasePath, log: directory.url.appendingPathComponent("first.log"))
        let token: String
        do {
            defer { server.kill() }
            #expect(try await server.send(.post, "/auth/register", json: credentials("zoe", "correct horse")).status
                == .created)
            let login = try await server.send(.post, "/auth/login", json: credentials("zoe", "correct horse"))
            token = try #require(try login.object()["token"] as? String)
            for id in ids.prefix(50) {
                #expect(try await server.send(.post, "/user/security", token: token, json: #"{"id": \#(id)}"#).status
                    == .created)
            }
            for id in ids.prefix(5) {
                #expect(try await server.send(.delete, "/user/security/\(id)", token: token).status == .noContent)
            }
        }

        let restarted = try await ServerProcess.start(
            database: directory.databasePath, log: directory.url.appendingPathComponent("second.log"))
        defer { restarted.kill() }
        let list = try await restarted.send(.get, "/user/security", token: token)
        #expect(list.status == .ok)
        #expect(try list.securityIDs() == Array(ids[5..<50]))
    }
}
