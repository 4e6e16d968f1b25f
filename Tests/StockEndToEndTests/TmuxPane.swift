import Foundation

/// A detached tmux session on a private socket: type into it with `send-keys`, read it with `capture-pane`.
final class TmuxPane {
    /// The `tmux` executable, if installed.
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private let tmux: String
    private let socket = "stocktracker-e2e-\(UUID().uuidString.prefix(8))"

    /// Starts `sh` in a `width`×`height` pane with `environment` added.
    init(width: Int, height: Int, environment: [String: String]) throws {
        guard let tmux = Self.executable else { throw E2EError("tmux is not installed") }
        self.tmux = tmux
        let variables = environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
        try run(["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)"]
            + variables + ["/bin/sh"])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    /// Types `text` literally.
    func type(_ text: String) throws { try run(["send-keys", "-t", "e2e", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `Tab`, `C-r`, `Escape`...
    func press(_ keys: String...) throws { try run(["send-keys", "-t", "e2e"] + keys) }

    /// Resizes the window (the program in the pane gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen, one string per line.
    func screen() throws -> [String] {
        try run(["capture-pane", "-p", "-t", "e2e"]).components(separatedBy: "\n")
    }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    func value(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", "e2e", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds; fails with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(15), _ condition: ([String]) -> Bool) async throws
        -> [String]
    {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var lines = try screen()
        while !condition(lines) {
            guard clock.now < deadline else {
                throw E2EError("timed out waiting for \(what); the screen was:\n" + lines.joined(separator: "\n"))
            }
            try await Task.sleep(for: .milliseconds(100))
            lines = try screen()
        }
        return lines
    }

    /// Polls until some line contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(15)) async throws -> [String] {
        try await waitFor("“\(text)”", timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let (status, output) = try Subprocess.run(tmux, ["-L", socket] + arguments)
        guard status == 0 else { throw E2EError("tmux \(arguments.joined(separator: " ")) failed: \(output)") }
        return output
    }
}

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
