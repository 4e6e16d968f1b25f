import Foundation
import Testing

/// Runs the built `stocktracker` for real: `serve` on a free port, `watch` inside tmux, driven by keystrokes and
/// checked by reading the pane. Needs `swift build` first (for `.build/debug/stocktracker`) and tmux.
@Suite("stocktracker watch, end to end in tmux",
       .enabled(if: TmuxPane.executable != nil, "tmux is not installed: skipping the end-to-end test"),
       .serialized)
struct WatchEndToEndTests {
    @Test("register, search appl, add AAPL, see a price update, outlive a server restart, remove it, quit",
          .timeLimit(.minutes(3)))
    func fullSession() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stocktracker-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let server = try ServerProcess(directory: directory)
        try await server.waitUntilListening()
        let config = directory.appendingPathComponent("config")
        let script = try writeScript(in: directory, server: server.url)
        let pane = try TmuxPane(width: 120, height: 40, environment: [
            "HOME": directory.path, "XDG_CONFIG_HOME": config.path, "LANG": "C.UTF-8", "TERM": "xterm-256color",
        ])

        // Register through the login screen.
        try pane.type("sh \(script.path)")
        try pane.press("Enter")
        try await pane.waitFor(text: "Log in to \(server.url)")
        try pane.press("C-r")
        try await pane.waitFor(text: "Create an account on")
        try pane.type("alice")
        try pane.press("Enter")
        try pane.type("correct horse 1")
        try pane.press("Enter")
        try await pane.waitFor(text: "Watchlist (0)")
        try await pane.waitFor(text: "Stock Tracker · alice")

        // Search as you type, add the first result.
        try pane.type("appl")
        try await pane.waitFor("AAPL among the results") { lines in
            lines.contains { $0.contains("AAPL") && $0.contains("Apple") && $0.contains("NASDAQ") }
        }
        try pane.press("Enter")
        try await pane.waitFor(text: "Added AAPL to “Watchlist”")
        try await pane.waitFor(text: "Watchlist (1)")

        // A price update arrives: the row's time of the last update appears, then changes.
        let first = try await pane.waitFor("a price for AAPL") { watchRow("AAPL", in: $0).flatMap(updateTime) != nil }
        let firstTime = watchRow("AAPL", in: first).flatMap(updateTime)
        try await pane.waitFor("a later price for AAPL", timeout: .seconds(30)) { lines in
            guard let time = watchRow("AAPL", in: lines).flatMap(updateTime) else { return false }
            return time != firstTime
        }
        try await pane.waitFor(text: "● live · updated")
        // The quote columns: change against the previous close, the market state (the simulated market is
        // always open), the currency and the day's sparkline, fetched from the history.
        try await pane.waitFor("AAPL's quote columns", timeout: .seconds(30)) { lines in
            guard let row = watchRow("AAPL", in: lines) else { return false }
            return row.contains("%") && row.contains(" OPEN ") && row.contains(" USD ")
                && row.contains { "▁▂▃▄▅▆▇█".contains($0) }
        }

        // The server goes away: the screen stays, says so, and comes back live when the server does.
        server.stop()
        try await pane.waitFor(text: "○ offline")
        #expect(try pane.screen().contains { $0.contains("stale data") })
        try server.start()
        try await server.waitUntilListening()
        try await pane.waitFor("live again", timeout: .seconds(30)) { $0.contains { $0.contains("● live · updated") } }
        #expect(watchRow("AAPL", in: try pane.screen()) != nil)

        // A resize redraws the whole frame at the new size: the status line moves to the new last row.
        try pane.resize(width: 90, height: 24)
        try await pane.waitFor("the status line on row 24") { lines in
            lines.count >= 24 && lines[23].contains("● live") && !lines.dropFirst(24).contains { $0.contains("● live") }
        }

        // Leave the search bar, remove the row, quit.
        try pane.press("Escape")
        try await pane.waitFor(text: "d remove")
        try pane.type("s")
        try await pane.waitFor(text: "Watchlist (1) · sorted by ticker")
        try pane.type("d")
        try await pane.waitFor(text: "Removed AAPL")
        try await pane.waitFor(text: "Watchlist (0)")
        try pane.type("q")
        try await pane.waitFor(text: "watch exited 0")
        try await pane.waitFor(text: "terminal settings restored")
        #expect(try pane.value("#{alternate_on}") == "0")
        #expect(try pane.value("#{cursor_flag}") == "1")

        // The login was kept (mode 0600): the next start goes straight to the main screen.
        let loginFile = config.appendingPathComponent("stocktracker")
            .appendingPathComponent("login-http___127.0.0.1_\(server.port).json")
        let attributes = try FileManager.default.attributesOfItem(atPath: loginFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try pane.type("sh \(script.path)")
        try pane.press("Enter")
        try await pane.waitFor(text: "● live")
        #expect(try pane.screen().contains { $0.contains("Stock Tracker · alice") })
        try pane.press("C-c")
        try await pane.waitFor("the second exit") { $0.filter { $0.contains("watch exited 0") }.count == 2 }

        // --logout revokes and forgets the token.
        try pane.type("sh \(script.path) --logout")
        try pane.press("Enter")
        try await pane.waitFor(text: "Logged out alice")
        #expect(!FileManager.default.fileExists(atPath: loginFile.path))

        // A revoked token kept on disk falls back to the login screen.
        let stale = #"{"server":"\#(server.url)","username":"alice","token":"revoked-token"}"#
        try Data(stale.utf8).write(to: loginFile)
        try pane.type("clear; sh \(script.path)")
        try pane.press("Enter")
        try await pane.waitFor(text: "Please log in again")
        try pane.press("Escape")
        try await pane.waitFor(text: "watch exited 0")
    }

    /// A script that runs `watch` against the server and reports its exit status and whether the terminal
    /// settings (`stty -g`) are the same after it as before.
    private func writeScript(in directory: URL, server: String) throws -> URL {
        let script = directory.appendingPathComponent("watch.sh")
        let saved = directory.appendingPathComponent("stty.before").path
        try """
            stty -g > '\(saved)'
            '\(ServerProcess.binary.path)' watch --server '\(server)' "$@"
            echo "watch exited $?"
            if stty -g | cmp -s - '\(saved)'; then echo "terminal settings restored"; fi
            """.write(to: script, atomically: true, encoding: .utf8)
        return script
    }
}

/// The watchlist row of `ticker` (below the "Watchlist (n)" title), if on screen.
private func watchRow(_ ticker: String, in lines: [String]) -> String? {
    guard let title = lines.firstIndex(where: { $0.contains("Watchlist (") }) else { return nil }
    return lines[(title + 1)...].first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(ticker + " ") }
}

/// The `HH:MM:SS` a watchlist row ends with.
private func updateTime(_ row: String) -> String? {
    let trimmed = row.trimmingCharacters(in: .whitespaces)
    guard let match = trimmed.firstMatch(of: /(\d\d:\d\d:\d\d)$/) else { return nil }
    return String(match.1)
}
