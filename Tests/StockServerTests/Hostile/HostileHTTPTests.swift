import Foundation
import Testing

/// HTTP connections against clients that stall or send garbage: each gets a bounded, clear answer.
@Suite("Hostile HTTP clients", .serialized)
struct HostileHTTPTests {
    @Test("a connection that never sends a byte is closed after the idle timeout (300 ms in the test)")
    func silentConnection() async throws {
        try await HostileServer.with { server in
            let connection = try RawConnection(port: server.port)
            let start = ContinuousClock.now
            let (bytes, closed) = await connection.readUntilClosed(timeout: .seconds(10))
            #expect(closed)
            #expect(bytes.isEmpty)
            #expect(ContinuousClock.now - start < .seconds(2.5))
        }
    }

    @Test("a connection idle after its first request is closed after the idle timeout")
    func idleBetweenRequests() async throws {
        try await HostileServer.with { server in
            let connection = try RawConnection(port: server.port)
            connection.send("GET /health HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = await connection.readUntilClosed(timeout: .seconds(10))
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            #expect(closed)
        }
    }

    /// Sends `request` on a fresh connection: the answer and whether the server then closed the connection.
    static func answer(to request: String) async throws -> (status: String, body: [String: String]?, closed: Bool) {
        var result: (String, [String: String]?, Bool) = ("", nil, false)
        try await HostileServer.with { server in
            let connection = try RawConnection(port: server.port)
            connection.send(request)
            let (bytes, closed) = await connection.readUntilClosed(timeout: .seconds(10))
            let status = String(String(decoding: bytes, as: UTF8.self).prefix(12))
            let body = try? JSONDecoder().decode([String: String].self, from: Data(ClientFrames.afterHead(bytes)))
            result = (status, body, closed)
        }
        return result
    }

    @Test("a malformed request (a header without its colon) gets 400 with a JSON error, then the connection closes")
    func malformedRequest() async throws {
        let (status, body, closed) = try await Self.answer(to: "GET / HTTP/1.1\r\nHost a\r\n\r\n")
        #expect(status == "HTTP/1.1 400")
        #expect(body?["error"]?.isEmpty == false)
        #expect(closed)
    }

    @Test("a request head over the limit (4 KiB in the test) gets 431 with a JSON error, then the connection closes")
    func oversizedHead() async throws {
        let header = String(repeating: "x", count: 8192)
        let (status, body, closed) = try await Self.answer(to: "GET /health HTTP/1.1\r\nHost: a\r\nX-Big: \(header)\r\n\r\n")
        #expect(status == "HTTP/1.1 431")
        #expect(body?["error"]?.isEmpty == false)
        #expect(closed)
    }

    @Test("a graceful shutdown with a request hanging on its body ends within the grace (500 ms in the test)")
    func shutdownWithHangingConnection() async throws {
        var configuration = HostileServer.configuration
        configuration.connections.idleTimeout = .seconds(30)
        var connections = [RawConnection]()
        let shutdown = try await HostileServer.with(configuration) { server in
            let hanging = try RawConnection(port: server.port)
            hanging.send("POST /auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
            let silent = try RawConnection(port: server.port)
            connections = [hanging, silent]
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(shutdown < .seconds(5), "shutdown took \(shutdown)")
        _ = connections
    }
}
