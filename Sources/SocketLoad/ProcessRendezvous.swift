import Foundation

/// Keeps the client processes of one run in step through files in a directory they share (`--rendezvous DIR`,
/// empty at the start of the run, with `--processes N`): nobody connects before the server's baseline was
/// sampled, the window starts once every process has all its sockets, on the same `seq` everywhere, and nobody
/// closes its sockets before every process has measured.
///
/// Without a directory (one process) every step returns at once.
struct ProcessRendezvous: Sendable {
    var directory: String?
    var processes: Int

    /// This process's name in the directory (the processes of a run share one machine).
    private var ownName: String { "\(getpid())" }

    /// Announces that this process reached `step` and waits until all `processes` have.
    func arrive(at step: String) async throws {
        guard let directory else { return }
        try Data().write(to: URL(fileURLWithPath: "\(directory)/\(step).\(ownName)"))
        while try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter({ $0.hasPrefix("\(step).") }).count < processes {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The value of `name` every process agrees on: the first proposal published wins (published by a hard link,
    /// which fails when the name exists, so it cannot be overwritten or read half-written).
    func agree(on name: String, proposing value: Int64) throws -> Int64 {
        guard let directory else { return value }
        let proposal = "\(directory)/.\(name).\(ownName)"
        try String(value).write(toFile: proposal, atomically: false, encoding: .utf8)
        defer { unlink(proposal) }
        _ = link(proposal, "\(directory)/\(name)")
        guard let agreed = Int64(try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return agreed
    }
}
