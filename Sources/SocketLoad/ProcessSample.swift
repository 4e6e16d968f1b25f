import Foundation

/// Resident memory and CPU time of a server process, from /proc.
struct ProcessSample: Codable, Sendable {
    var rssBytes: Int
    var cpuSeconds: Double

    init(rssBytes: Int, cpuSeconds: Double) {
        self.rssBytes = rssBytes
        self.cpuSeconds = cpuSeconds
    }

    init?(pid: Int32) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]),
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ")
        else { return nil }
        let fields = stat[afterName.upperBound...].split(separator: " ")
        // Fields 14 and 15 of /proc/PID/stat (utime, stime) are at 11 and 12 after the name.
        guard let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        rssBytes = kilobytes * 1024
        cpuSeconds = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The sum over several server processes (nodes), or nil if one of them cannot be read.
    init?(pids: [Int32]) {
        guard !pids.isEmpty else { return nil }
        var total = ProcessSample(rssBytes: 0, cpuSeconds: 0)
        for pid in pids {
            guard let sample = ProcessSample(pid: pid) else { return nil }
            total.rssBytes += sample.rssBytes
            total.cpuSeconds += sample.cpuSeconds
        }
        self = total
    }

    /// User and system CPU time of this process so far (`getrusage`), in seconds.
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
