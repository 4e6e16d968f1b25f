import ArgumentParser

/// `socket-load merge`: one report from the `--output` files of the client processes that shared a run.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the --output files of a run split over several client processes into one report.")

    @Argument(help: "The JSON files written by `socket-load run --output`.")
    var files: [String]

    func run() throws {
        let records = try files.map(RunRecord.read(from:))
        print(Report(records: records).lines.joined(separator: "\n"))
    }
}
