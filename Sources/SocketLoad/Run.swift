import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// `socket-load run`: opens one socket per token, waits until all have their snapshot, measures `--ticks` ticks,
/// then closes them and reports (and writes its raw figures to `--output` for `merge`).
///
/// One run may be split over several client processes (a process may hold only 20,000 open files): each takes its
/// own `--token-offset`/`--connections` slice, all share a `--rendezvous` directory, one of them gets the
/// `--server-pid`s, and `socket-load merge` combines their `--output` files.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Hold sockets against a running server and measure.")

    @Option(help: "A socket URL, without the token; repeat it for several server nodes (sockets go round-robin).")
    var url = ["ws://127.0.0.1:8080/ws/watchlist"]

    @Option(help: "The token file written by prepare.")
    var tokens = "load-tokens.txt"

    @Option(help: "Tokens to skip at the start of the file (this process's slice of a split run).")
    var tokenOffset = 0

    @Option(help: "Sockets to open (at most the number of tokens after the offset).")
    var connections = 10_000

    @Option(help: "Connection attempts in flight while ramping up.")
    var parallel = 256

    @Option(help: "Ticks to measure once every socket has its snapshot.")
    var ticks = 20

    @Option(
        name: .customLong("server-pid"),
        help: "A server process id, to sample its memory and CPU time; repeat it for several nodes (summed).")
    var serverPids: [Int32] = []

    @Option(help: "Seconds to sample the server's CPU time before connecting (its cost without sockets).")
    var baselineSeconds = 10.0

    @Option(help: "Local addresses to connect from, round-robin, e.g. 127.0.0.1,127.0.0.2 (more ephemeral ports).")
    var sourceAddresses: String?

    @Option(help: "Connect from 127.0.0.1 ... 127.0.0.N, round-robin.")
    var sourceAddressCount: Int?

    @Option(help: "Where to write this process's raw figures (JSON) for `socket-load merge`.")
    var output: String?

    @Option(help: "A directory shared by the client processes of one split run, empty when they start.")
    var rendezvous: String?

    @Option(help: "The number of client processes sharing --rendezvous.")
    var processes = 1

    func validate() throws {
        if rendezvous == nil, processes != 1 { throw ValidationError("--processes needs --rendezvous") }
        if ticks < 1 || parallel < 1 || connections < 1 || tokenOffset < 0 {
            throw ValidationError("--ticks, --parallel and --connections must be positive, --token-offset not negative")
        }
    }

    func run() async throws {
        let tokenList = try String(contentsOfFile: tokens, encoding: .utf8)
            .split(separator: "\n").dropFirst(tokenOffset).prefix(connections)
        let targets = SocketTargets(
            servers: try url.map(ServerEndpoint.init(url:)),
            sourceAddresses: try SocketTargets.sourceAddresses(list: sourceAddresses, count: sourceAddressCount))
        let rendezvous = ProcessRendezvous(directory: rendezvous, processes: processes)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let loops = try await LoopStatistics.make(on: group, reservingTicks: ticks)
        let control = LoadControl()

        let baseline = try await sampleServerBaseline()
        try await rendezvous.arrive(at: "baseline-sampled")

        let started = ContinuousClock.now
        let connector = SocketConnector(loops: loops, targets: targets, control: control)
        let (channels, errors) = await connector.connectAll(tokens: Array(tokenList), parallel: parallel)
        if let error = errors.first {
            FileHandle.standardError.write(Data("\(errors.count) connections failed, the first with: \(error)\n".utf8))
        }
        try await loops.wait(upTo: .seconds(120), "every socket's snapshot") { $0.socketsAwaitingSnapshot == 0 }
        let rampSeconds = (ContinuousClock.now - started).seconds
        guard try await loops.progress().snapshots > 0 else {
            throw LoadFailure(description: "no socket got its snapshot")
        }
        try await rendezvous.arrive(at: "connected")
        try await Task.sleep(for: .seconds(2))

        let withSockets = ProcessSample(pids: serverPids)
        let latestSeq = try await loops.progress().latestSeq
        let first = try rendezvous.agree(on: "window", proposing: latestSeq + 2)
        let window = first...(first + Int64(ticks) - 1)
        control.measure(window)
        let measured = try await measure(window, loops: loops)
        let summary = try await loops.summary()

        let server: RunRecord.ServerSamples? =
            if let baseline, let withSockets, let serverCPU = measured.serverCPUSeconds {
                RunRecord.ServerSamples(
                    beforeSockets: baseline.before, idleCPUPerSecond: baseline.idleCPUPerSecond,
                    withSockets: withSockets, windowCPUSeconds: serverCPU)
            } else { nil }
        let record = RunRecord(
            sockets: summary.snapshots, failedConnections: errors.count, rampSeconds: rampSeconds, window: window,
            windowSeconds: measured.seconds, ticks: window.compactMap { summary.ticks[$0] },
            latencies: summary.latencies, counts: summary.counts, clientCPUSeconds: measured.clientCPUSeconds,
            server: server)

        try await rendezvous.arrive(at: "measured")
        control.stop()
        for channel in channels { channel.pipeline.fireUserInboundEventTriggered(PriceFrameHandler.Stop()) }
        // Sockets whose close handshake takes longer are closed by the shutdown.
        try? await loops.wait(upTo: .seconds(5), "the sockets to close") { $0.openSockets == 0 }
        try await group.shutdownGracefully()

        if let output { try record.write(to: output) }
        print(Report(records: [record], isPartOfSplitRun: processes > 1).lines.joined(separator: "\n"))
    }

    /// The server's memory before any socket, and its CPU per second without sockets.
    private func sampleServerBaseline() async throws -> (before: ProcessSample, idleCPUPerSecond: Double)? {
        guard !serverPids.isEmpty else { return nil }
        guard let before = ProcessSample(pids: serverPids) else {
            throw LoadFailure(description: "cannot read /proc of --server-pid \(serverPids)")
        }
        try await Task.sleep(for: .seconds(baselineSeconds))
        guard let after = ProcessSample(pids: serverPids) else {
            throw LoadFailure(description: "a server process ended")
        }
        return (before, (after.cpuSeconds - before.cpuSeconds) / baselineSeconds)
    }

    /// Samples CPU times from the first message of the window's first tick to the first message of the tick
    /// after it (so over exactly the window's ticks), then waits until every open socket has the window's last
    /// tick (at most 10 s after the next tick) so that the slowest receipts count.
    private func measure(
        _ window: ClosedRange<Int64>, loops: [NIOLoopBound<LoopStatistics>]
    ) async throws -> (seconds: Double, clientCPUSeconds: Double, serverCPUSeconds: Double?) {
        try await loops.wait("tick \(window.lowerBound)") { $0.latestSeq >= window.lowerBound }
        let serverStart = ProcessSample(pids: serverPids)
        let clientStart = ProcessSample.ownCPUSeconds()
        let start = ContinuousClock.now
        try await loops.wait("tick \(window.upperBound + 1)") { $0.latestSeq > window.upperBound }
        let serverEnd = ProcessSample(pids: serverPids)
        let clientEnd = ProcessSample.ownCPUSeconds()
        let seconds = (ContinuousClock.now - start).seconds
        try await loops.wait("tick \(window.upperBound + 2)") { $0.latestSeq > window.upperBound + 1 }
        let last = window.upperBound
        try? await loops.wait(upTo: .seconds(10), "every socket's tick \(last)", receiversOf: last) {
            $0.receivers >= $0.openSockets
        }
        let serverCPU = serverStart.flatMap { start in serverEnd.map { $0.cpuSeconds - start.cpuSeconds } }
        return (seconds, clientEnd - clientStart, serverCPU)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
