#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock in nanoseconds since 1970, the clock the server's `at` is written in.
///
/// `clock_gettime(CLOCK_REALTIME)` is a vDSO call: no system call, no allocation, cheap enough to read once per
/// read batch of every socket.
enum WallClock {
    static func nanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
