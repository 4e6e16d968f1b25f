import Foundation

/// What one `socket-load run` process measured, raw enough that the records of several processes (each holding a
/// part of the sockets) combine into one report: written by `run --output`, read by `merge`.
struct RunRecord: Codable, Sendable {
    /// The server processes' samples, when this process was given `--server-pid`.
    struct ServerSamples: Codable, Sendable {
        /// Before the first socket connected.
        var beforeSockets: ProcessSample
        /// Server CPU seconds per second with no socket open (sampled for `--baseline-seconds`).
        var idleCPUPerSecond: Double
        /// With every socket open, before the window.
        var withSockets: ProcessSample
        /// Server CPU seconds over the window.
        var windowCPUSeconds: Double
    }

    /// Sockets that got their snapshot.
    var sockets: Int
    var failedConnections: Int
    var rampSeconds: Double
    /// The measured ticks (`seq`s), the same in every process of a run.
    var window: ClosedRange<Int64>
    /// Wall time from the first to the end of the window's ticks.
    var windowSeconds: Double
    /// This process's receipts of the window's ticks, by tick.
    var ticks: [TickReceipt]
    var latencies: LatencyHistogram
    var counts: DeliveryCounts
    /// This (client) process's own CPU seconds over the window.
    var clientCPUSeconds: Double
    var server: ServerSamples?

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }

    static func read(from path: String) throws -> RunRecord {
        try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
