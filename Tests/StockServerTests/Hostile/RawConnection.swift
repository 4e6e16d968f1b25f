import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to the test server on plain POSIX calls, sending whatever bytes a hostile client would: no
/// HTTP or WebSocket library frames, masks or checks anything on its behalf. Every call is bounded in time.
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32
    /// The client side's port, which names the connection in `/proc/net/tcp`.
    let localPort: Int

    /// Connects to `127.0.0.1:port`, with a receive buffer of `receiveBuffer` bytes when given.
    init(port: Int, receiveBuffer: Int32? = nil) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawConnectionError("socket() failed") }
        if var size = receiveBuffer {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = Self.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw RawConnectionError("connect() to \(port) failed")
        }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        localPort = Int(UInt16(bigEndian: bound.sin_port))
    }

    deinit { close(descriptor) }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Sends all of `bytes`; `false` once the server has closed or reset the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBufferPointer {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends what fits of `bytes` without blocking and drops it from `bytes`; `false` once the server has closed or
    /// reset the connection.
    func sendWithoutBlocking(_ bytes: inout [UInt8]) -> Bool {
        let sent = bytes.withUnsafeBufferPointer {
            Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        }
        if sent > 0 { bytes.removeFirst(sent) }
        return sent >= 0 || errno == EAGAIN || errno == EWOULDBLOCK
    }

    /// Sends all of `bytes` from a Dispatch thread, blocking there (at most 5 s per call) while the server reads.
    func sendOffPool(_ bytes: [UInt8]) async -> Bool {
        await Self.offPool { self.send(bytes) }
    }

    /// Reads until the server closes the connection or `timeout` passes: the bytes read and whether it closed.
    func readUntilClosed(timeout: Duration) async -> (bytes: [UInt8], closed: Bool) {
        await Self.offPool { self.read(until: ContinuousClock.now + timeout, stopAfter: nil) }
    }

    /// Reads until `stop` holds for what was read, the server closes or `timeout` passes.
    func read(timeout: Duration, until stop: @escaping @Sendable ([UInt8]) -> Bool) async -> [UInt8] {
        await Self.offPool { self.read(until: ContinuousClock.now + timeout, stopAfter: stop).bytes }
    }

    private func read(until deadline: ContinuousClock.Instant, stopAfter stop: (([UInt8]) -> Bool)?)
        -> (bytes: [UInt8], closed: Bool)
    {
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return (bytes, true) }
            bytes += buffer[..<count]
            if let stop, stop(bytes) { return (bytes, false) }
        }
        return (bytes, false)
    }

    /// The WebSocket handshake of `path`; then the server's answer, its head first (`HTTP/1.1 101 ...` when
    /// upgraded), with whatever followed it in the same reads.
    func upgrade(_ path: String) async -> [UInt8] {
        send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        return await answerHead()
    }

    /// Reads up to the end of an HTTP answer's head (the body, if any, may follow in the same bytes).
    func answerHead() async -> [UInt8] {
        await read(timeout: .seconds(5)) { $0.containsBytes(Self.headEnd) }
    }

    /// The state of the server's side of this connection in `/proc/net/tcp` (`1` established, `4` FIN-WAIT-1 and
    /// so on), or `nil` once the server's kernel has forgotten it.
    func serverSideState(serverPort: Int) -> Int? {
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return nil }
        let local = String(format: "0100007F:%04X", serverPort)
        let remote = String(format: "0100007F:%04X", localPort)
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count > 3, fields[1] == local, fields[2] == remote { return Int(fields[3], radix: 16) }
        }
        return nil
    }

    static let headEnd = Array("\r\n\r\n".utf8)

    /// Runs blocking `work` on a Dispatch thread, never on the tasks' cooperative pool that the server needs.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}

struct RawConnectionError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Array where Element == UInt8 {
    func containsBytes(_ sequence: [UInt8]) -> Bool {
        guard count >= sequence.count else { return false }
        return (0...(count - sequence.count)).contains { Array(self[$0..<($0 + sequence.count)]) == sequence }
    }
}
