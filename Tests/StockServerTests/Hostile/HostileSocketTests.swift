import Foundation
import Testing

/// Live-price sockets against clients that break the rules on purpose: each gets a bounded, clear answer.
@Suite("Hostile WebSocket clients", .serialized)
struct HostileSocketTests {
    /// Sends `frame` on a fresh socket and returns the server's close code and whether it then closed.
    static func answer(to frame: [UInt8]) async throws -> (code: UInt16?, closed: Bool) {
        var result: (UInt16?, Bool) = (nil, false)
        try await HostileServer.with { server in
            let (socket, early) = try await server.socket()
            socket.send(frame)
            let (bytes, closed) = await socket.readUntilClosed(timeout: .seconds(10))
            result = (ClientFrames.serverCloseCode(in: early + bytes), closed)
        }
        return result
    }

    @Test("an unmasked frame is closed with 1002")
    func unmasked() async throws {
        let (code, closed) = try await Self.answer(to: ClientFrames.frame(0x9, [1, 2, 3], masked: false))
        #expect(code == 1002)
        #expect(closed)
    }

    @Test("a frame with a reserved bit is closed with 1002")
    func reservedBits() async throws {
        let (code, closed) = try await Self.answer(to: ClientFrames.frame(0x1, Array("{}".utf8), reserved: 0x40))
        #expect(code == 1002)
        #expect(closed)
    }

    @Test("an unknown opcode is closed with 1002")
    func unknownOpcode() async throws {
        let (code, closed) = try await Self.answer(to: ClientFrames.frame(0x3, [7]))
        #expect(code == 1002)
        #expect(closed)
    }

    @Test("a close frame with a code reserved for local use (1005) is answered with 1002")
    func invalidCloseCode() async throws {
        let (code, closed) = try await Self.answer(to: ClientFrames.close(code: 1005))
        #expect(code == 1002)
        #expect(closed)
    }

    @Test("a frame over the route's 4 KiB is closed with 1009")
    func oversizedFrame() async throws {
        let (code, closed) = try await Self.answer(to: ClientFrames.frame(0x1, [UInt8](repeating: 0x20, count: 8192)))
        #expect(code == 1009)
        #expect(closed)
    }

    @Test("only a pong keeps a socket alive: one that floods pings and never reads is closed within seconds")
    func pingFlood() async throws {
        var configuration = HostileServer.configuration
        configuration.livePrices.pingInterval = .milliseconds(300)
        try await HostileServer.with(configuration) { server in
            let (socket, _) = try await server.socket(receiveBuffer: 2048)
            let ping = ClientFrames.ping([UInt8](repeating: 0x61, count: 125))
            let flood = Array([[UInt8]](repeating: ping, count: 64).joined())
            let deadline = ContinuousClock.now + .seconds(6)
            var open = true
            var unsent = [UInt8]()
            while open, ContinuousClock.now < deadline {
                // Whole frames only: what a send leaves behind goes first next time.
                if unsent.isEmpty { unsent = flood }
                open = socket.sendWithoutBlocking(&unsent)
                // Never reads before 3 s; then reads (and keeps flooding) to see the server's end of the socket.
                if ContinuousClock.now > deadline - .seconds(3) {
                    let (_, closed) = await socket.readUntilClosed(timeout: .milliseconds(20))
                    open = open && !closed
                } else {
                    try await Task.sleep(for: .milliseconds(2))
                }
            }
            #expect(!open, "the flooding socket is still open after 6 s")
        }
    }

    @Test("a client that closes while its buffers are full loses its descriptor within seconds")
    func closeWhileFull() async throws {
        var configuration = HostileServer.configuration
        configuration.livePrices.pingInterval = .seconds(1)
        configuration.connections.maxSocketQueueBytes = 1 << 20
        try await HostileServer.with(configuration) { server in
            let (socket, _) = try await server.socket(receiveBuffer: 2048)
            let ping = ClientFrames.ping([UInt8](repeating: 0x61, count: 125))
            let pings = Array([[UInt8]](repeating: ping, count: 800).joined())
            Task { await socket.sendOffPool(pings + ClientFrames.close(code: 1000)) }
            let deadline = ContinuousClock.now + .seconds(4)
            while socket.serverSideState(serverPort: server.port) == 1, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(socket.serverSideState(serverPort: server.port) != 1, "the server still holds the descriptor")
        }
    }

    @Test("a user's third socket (limit 2 in the test) is refused with 429 and a JSON error, until one closes")
    func socketsPerUser() async throws {
        try await HostileServer.with { server in
            var sockets = [try await server.socket().0, try await server.socket().0]
            let refused = try RawConnection(port: server.port)
            let answer = await refused.upgrade(server.socketPath)
            let (rest, _) = await refused.readUntilClosed(timeout: .seconds(2))
            let text = String(decoding: answer + rest, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 429"))
            let body = try JSONDecoder().decode([String: String].self, from: Data(ClientFrames.afterHead(answer + rest)))
            #expect(body["error"]?.isEmpty == false)
            sockets.removeFirst()
            var upgraded = false
            for _ in 0..<40 where !upgraded {
                try await Task.sleep(for: .milliseconds(50))
                upgraded = (try? await server.socket()) != nil
            }
            #expect(upgraded, "a socket closed by the user frees its place")
            _ = sockets
        }
    }
}
