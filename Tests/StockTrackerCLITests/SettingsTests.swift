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

    @Test("the account limits are flags with their defaults and variables; a bad one is refused")
    func accountLimits() throws {
        let defaults = try Self.serveHelp([:])
        for expected in [
            "(env STOCKTRACKER_LOGIN_FAILURES_PER_NAME). (default: 5)",
            "(env STOCKTRACKER_LOGIN_FAILURES_PER_ADDRESS). (default: 20)",
            "(env STOCKTRACKER_LOGIN_FAILURES_PER_NAME_ALL_ADDRESSES). (default: 50)",
            "(env STOCKTRACKER_LOGIN_FAILURE_WINDOW). (default: 900.0)",
            "(env STOCKTRACKER_REGISTRATIONS_PER_ADDRESS). (default: 10)",
            "(env STOCKTRACKER_REGISTRATION_WINDOW). (default: 3600.0)",
            "(env STOCKTRACKER_MAX_PENDING_HASHES). (default: 16)",
            "(env STOCKTRACKER_TOKEN_SWEEP_INTERVAL). (default: 3600.0)",
        ] {
            #expect(defaults.contains(expected), "\(expected)")
        }
        #expect(defaults.contains("--trusted-proxy <trusted-proxy> Reverse proxies"))
        let set = try Self.serveHelp([
            "STOCKTRACKER_REGISTRATIONS_PER_ADDRESS": "3", "STOCKTRACKER_TRUSTED_PROXY": "10.0.0.0/8,::1",
        ])
        #expect(set.contains("(env STOCKTRACKER_REGISTRATIONS_PER_ADDRESS). (default: 3)"))
        #expect(set.contains("(default: 10.0.0.0/8, ::1)"))
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STOCKTRACKER_") }
        for (arguments, message) in [
            (["--trusted-proxy", "10.0.0.0/8", "proxy.local"], "--trusted-proxy proxy.local is not an IP address"),
            (["--max-pending-hashes", "0"], "--max-pending-hashes must be at least 1"),
            (["--registration-window", "0"], "--registration-window must be between"),
        ] {
            let output = try CommandRunner.run(["serve"] + arguments, environment: inherited)
            #expect(output.status != 0)
            #expect(output.standardError.contains(message), "\(output.standardError)")
        }
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
