import ArgumentParser

/// `stocktracker`: the service, its tools and its terminal client in one executable.
@main
struct StockTracker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stocktracker",
        abstract: "Stock watchlists with fast security search and live prices.",
        subcommands: [Serve.self, Import.self, Search.self, IndexTool.self, GenerateUsers.self, Watch.self])
}
