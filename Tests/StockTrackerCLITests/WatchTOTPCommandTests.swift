import Foundation
import Testing

/// `watch --totp-setup` and `--totp-disable` without a server to talk to: what they ask for and how they fail.
/// (The calls themselves are checked against a real server in `StockClientTests`.)
@Suite("watch --totp-setup / --totp-disable")
struct WatchTOTPCommandTests {
    /// Port 9 on loopback: nothing listens there.
    static let server = "http://127.0.0.1:9"

    static func environment(config: String) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STOCKTRACKER_") }
            .merging(["XDG_CONFIG_HOME": config]) { $1 }
    }

    @Test("without a kept login it says to log in first")
    func notLoggedIn() throws {
        let folder = try TemporaryFolder()
        for flag in ["--totp-setup", "--totp-disable"] {
            let output = try CommandRunner.run(
                ["watch", "--server", Self.server, flag], environment: Self.environment(config: folder.url.path))
            #expect(output.status != 0)
            #expect(output.standardError.contains("not logged in to \(Self.server)"), "\(output.standardError)")
        }
    }

    @Test("with a kept login it asks for the password (and the code to disable), then reports the failure")
    func asksThenFails() throws {
        let folder = try TemporaryFolder()
        let logins = folder.url.appendingPathComponent("stocktracker")
        try FileManager.default.createDirectory(at: logins, withIntermediateDirectories: true)
        try #"{"server": "http://127.0.0.1:9", "username": "alice", "token": "kept-token", "expiresAt": null}"#
            .write(to: logins.appendingPathComponent("login-http___127.0.0.1_9.json"), atomically: true, encoding: .utf8)
        let environment = Self.environment(config: folder.url.path)

        let setup = try CommandRunner.run(
            ["watch", "--server", Self.server, "--totp-setup"], input: "correct horse\n", environment: environment)
        #expect(setup.status != 0)
        #expect(setup.standardError.contains("Password of alice: "))
        #expect(setup.standardError.contains("cannot reach the server"))
        #expect(setup.standardError.contains("TOTP is unchanged"))
        #expect(!setup.standardError.contains("correct horse"), "the password was echoed")

        let disable = try CommandRunner.run(
            ["watch", "--server", Self.server, "--totp-disable"], input: "correct horse\n123456\n",
            environment: environment)
        #expect(disable.status != 0)
        #expect(disable.standardError.contains("The 6-digit code your app shows now: "))
        #expect(disable.standardError.contains("TOTP is unchanged"))

        let nothing = try CommandRunner.run(
            ["watch", "--server", Self.server, "--totp-setup"], input: "", environment: environment)
        #expect(nothing.status != 0)
        #expect(nothing.standardError.contains("nothing was typed"))

        let both = try CommandRunner.run(
            ["watch", "--server", Self.server, "--totp-setup", "--logout"], environment: environment)
        #expect(both.status != 0)
        #expect(both.standardError.contains("one at a time"))
    }
}
