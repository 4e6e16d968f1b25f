import ArgumentParser

/// `socket-load`: the live-price load tool. `prepare` creates users, tokens and watchlists in a database;
/// `run` holds that many authenticated sockets against running servers and reports delivery figures; `merge`
/// combines the reports of a run split over several client processes.
@main
struct SocketLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socket-load",
        abstract: "Load test of GET /ws/watchlist.",
        subcommands: [Prepare.self, Run.self, Merge.self])
}
