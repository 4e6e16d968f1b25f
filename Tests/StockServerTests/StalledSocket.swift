import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A WebSocket client that completes the handshake and then never reads, with a tiny receive buffer: what a
/// stuck or malicious client looks like to the server. Plain blocking POSIX calls, so that nothing reads on its
/// behalf; they run on a Dispatch thread, never on the tasks' cooperative pool that the server needs.
final class StalledSocket: @unchecked Sendable {
    private let descriptor: Int32

    /// Connects to `127.0.0.1:port` and upgrades `path`; throws unless the server answers `101`.
    static func connect(port: Int, path: String) async throws -> StalledSocket {
        try await offPool { try StalledSocket(port: port, path: path) }
    }

    private init(port: Int, path: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StalledSocketError("socket() failed") }
        var receiveBuffer: Int32 = 2048
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw StalledSocketError("connect() failed") }
        let handshake = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        _ = handshake.utf8CString.withUnsafeBufferPointer { send(descriptor, $0.baseAddress, $0.count - 1, 0) }
        var head = [UInt8]()
        var byte: UInt8 = 0
        while !head.ends(with: Array("\r\n\r\n".utf8)), recv(descriptor, &byte, 1, 0) == 1 { head.append(byte) }
        let answer = String(decoding: head, as: UTF8.self)
        guard answer.hasPrefix("HTTP/1.1 101") else { throw StalledSocketError("the upgrade was refused: \(answer)") }
        // RFC 6455's own example key and answer.
        guard answer.lowercased().contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=") else {
            throw StalledSocketError("wrong Sec-WebSocket-Accept: \(answer)")
        }
    }

    deinit { close(descriptor) }

    /// Reads everything the server left in the socket until it is closed; returns the byte count.
    func drainUntilClosed() async throws -> Int {
        try await Self.offPool { self.drain() }
    }

    private func drain() -> Int {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return total }
            total += count
        }
    }
}

extension StalledSocket {
    /// Runs blocking `work` on a Dispatch thread.
    fileprivate static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

struct StalledSocketError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
