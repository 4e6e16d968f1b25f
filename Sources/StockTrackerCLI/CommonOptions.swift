import ArgumentParser
import Foundation

/// The value of a `STOCKTRACKER_*` environment variable, which every flag falls back to.
func environment(_ name: String) -> String? {
    guard let value = ProcessInfo.processInfo.environment["STOCKTRACKER_" + name], !value.isEmpty else { return nil }
    return value
}

/// `--db`, shared by the commands that open the local database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file (env STOCKTRACKER_DB).")
    var path: String = environment("DB") ?? "stocktracker.sqlite"
}

/// A message for the user and a non-zero exit, never a crash.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
