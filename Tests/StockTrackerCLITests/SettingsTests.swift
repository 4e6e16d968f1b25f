import Foundation
import Testing

/// Flags fall back to `STOCKTRACKER_*` variables, and those to the serve defaults, all read in one place.
@Suite("Settings from the environment")
struct SettingsTests {
    /// `serve --help` with `variables` set (and no other `STOCKTRACKER_*` one), its white space folded.
    static func serveHelp(_ variables: [String: String]) throws -> String {
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STOCKTRACKER_") }
        let output = try CommandRunner.run(
            ["serve", "--help"], environment: inherited.merging(variables) { $1 })
        return output.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("--help shows the defaults, or the variables' values; an empty variable counts as unset")
    func helpDefaults() throws {
        let defaults = try Self.serveHelp([:])
        #expect(defaults.contains("(env STOCKTRACKER_PORT). (default: 8080)"))
        #expect(defaults.contains("(env STOCKTRACKER_DB). (default: stocktracker.sqlite)"))
        #expect(defaults.contains("(env STOCKTRACKER_PRICE_INTERVAL). (default: 5.0)"))
        #expect(defaults.contains("(env STOCKTRACKER_TOKEN_LIFETIME_DAYS). (default: 30.0)"))
        let set = try Self.serveHelp([
            "STOCKTRACKER_PORT": "9999", "STOCKTRACKER_DB": "other.sqlite", "STOCKTRACKER_PRICE_INTERVAL": "2.5",
        ])
        #expect(set.contains("(env STOCKTRACKER_PORT). (default: 9999)"))
        #expect(set.contains("(env STOCKTRACKER_DB). (default: other.sqlite)"))
        #expect(set.contains("(env STOCKTRACKER_PRICE_INTERVAL). (default: 2.5)"))
        #expect(try Self.serveHelp(["STOCKTRACKER_PORT": ""]).contains("(default: 8080)"))
    }

    @Test("STOCKTRACKER_DATABASE_URL and its older name STOCKTRACKER_POSTGRES both name the database")
    func postgresAliases() throws {
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STOCKTRACKER_") }
        // Nothing listens on port 1: the error names the URL the command tried.
        let unreachable = "postgres://nobody@127.0.0.1:1/nowhere"
        for name in ["STOCKTRACKER_DATABASE_URL", "STOCKTRACKER_POSTGRES"] {
            let output = try CommandRunner.run(
                ["search", "apple"], environment: inherited.merging([name: unreachable]) { $1 })
            #expect(output.status != 0)
            #expect(output.standardError.contains("could not open the PostgreSQL database \(unreachable)"), "\(name)")
        }
        let both = try CommandRunner.run(
            ["search", "apple"],
            environment: inherited.merging([
                "STOCKTRACKER_DATABASE_URL": unreachable, "STOCKTRACKER_POSTGRES": "postgres://other@127.0.0.1:1/x",
            ]) { $1 })
        #expect(both.standardError.contains(unreachable))
    }
}
