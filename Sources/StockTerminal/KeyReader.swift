import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads keys from a file descriptor on a thread of its own (blocking reads must not hold a thread of the
/// concurrency pool) until `stop()` or end of input.
public final class KeyReader: Sendable {
    /// Written to by `stop()` to wake the thread out of `poll`.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// Starts reading `input`; each decoded key goes to `onKey`, end of input to `onEnd`.
    public init(input: Int32 = STDIN_FILENO, onKey: @escaping @Sendable (Key) -> Void,
                onEnd: @escaping @Sendable () -> Void) {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) != 0 { descriptors = [-1, -1] }
        wakeRead = descriptors[0]
        wakeWrite = descriptors[1]
        let wake = wakeRead
        let thread = Thread {
            var decoder = KeyDecoder()
            var buffer = [UInt8](repeating: 0, count: 1024)
            var watched = [pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            while true {
                let ready = poll(&watched, nfds_t(wake >= 0 ? 2 : 1), -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if watched[1].revents != 0 { break }
                guard watched[0].revents != 0 else { continue }
                let count = read(input, &buffer, buffer.count)
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                guard count > 0 else {
                    onEnd()
                    break
                }
                for key in decoder.decode(buffer[0..<count]) { onKey(key) }
            }
        }
        thread.name = "stocktracker.keys"
        thread.start()
    }

    /// Ends the reading thread.
    public func stop() {
        guard wakeWrite >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    deinit {
        stop()
    }
}
