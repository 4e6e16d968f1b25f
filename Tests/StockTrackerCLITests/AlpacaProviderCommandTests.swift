import Foundation
import Testing

/// `serve --provider alpaca` refuses to start without its keys or with a URL bound out of range.
@Suite("serve --provider alpaca")
struct AlpacaProviderCommandTests {
    static let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STOCKTRACKER_") }

    @Test("a missing key is a clear error and a non-zero exit, before anything is opened; keys are never printed")
    func missingKeys() throws {
        for variables in [
            [:], ["STOCKTRACKER_ALPACA_KEY_ID": "the-key-id"], ["STOCKTRACKER_ALPACA_SECRET_KEY": "the-secret"],
            ["STOCKTRACKER_ALPACA_KEY_ID": "", "STOCKTRACKER_ALPACA_SECRET_KEY": "the-secret"],
        ] {
            let output = try CommandRunner.run(
                ["serve", "--provider", "alpaca", "--db", "/nonexistent/dir/never.sqlite"],
                environment: Self.inherited.merging(variables) { $1 })
            #expect(output.status != 0, "\(variables)")
            #expect(output.standardError.contains(
                "the alpaca price provider needs its keys in STOCKTRACKER_ALPACA_KEY_ID and STOCKTRACKER_ALPACA_SECRET_KEY"),
                "\(output.standardError)")
            #expect(!output.standardError.contains("the-secret") && !output.standardError.contains("the-key-id"))
        }
    }

    @Test("--alpaca-max-url-bytes out of range and an unknown provider are refused")
    func badFlags() throws {
        for (arguments, message) in [
            (["--alpaca-max-url-bytes", "10"], "--alpaca-max-url-bytes must be between 256 and 65536"),
            (["--provider", "yahoo"], "--provider must be simulated, http or alpaca"),
        ] {
            let output = try CommandRunner.run(["serve"] + arguments, environment: Self.inherited)
            #expect(output.status != 0)
            #expect(output.standardError.contains(message), "\(output.standardError)")
        }
        let help = try CommandRunner.run(["serve", "--help"], environment: Self.inherited).standardOutput
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("(env STOCKTRACKER_ALPACA_URL). (default: https://data.alpaca.markets)"))
        #expect(help.contains("(env STOCKTRACKER_ALPACA_MAX_URL_BYTES). (default: 8000)"))
    }
}
