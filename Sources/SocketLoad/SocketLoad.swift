import ArgumentParser

/// `socket-load`: the live-price load tool. `prepare` creates users, tokens and watchlists in a database;
/// `run` holds that many authenticated sockets against a running server and reports delivery figures.
@main
struct SocketLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socket-load",
        abstract: "Load test of GET /ws/watchlist.",
        subcommands: [Prepare.self, Run.self])
}
