import Foundation
import Testing

/// A PostgreSQL cluster of one test's own, never the one the other suites share: `.ci/postgres-cluster.sh`'s
/// steps in a directory and on a port of its own, so that the test may crash and restart it. Without the
/// PostgreSQL binaries the test is skipped (cancelled) with the reason.
struct LocalPostgresCluster {
    /// `.ci/postgres-cluster.sh`, found from this file's place in the repository.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".ci/postgres-cluster.sh").path

    let directory: String
    let port: String
    /// The URL of its `postgres` database.
    let url: String

    /// Creates the cluster and starts its server.
    static func start() throws -> LocalPostgresCluster {
        guard (try? shell("compgen -G '/usr/lib/postgresql/*/bin/initdb'")) != nil else {
            try Test.cancel("no PostgreSQL binaries under /usr/lib/postgresql: the crash test needs initdb")
        }
        let fields = try shell(#"start_postgres_cluster && echo "$postgres_dir $postgres_port $STOCKTRACKER_TEST_POSTGRES_URL""#)
            .split(separator: " ").map(String.init)
        guard fields.count == 3 else { throw NodeError("postgres-cluster.sh printed \(fields)") }
        return LocalPostgresCluster(directory: fields[0], port: fields[1], url: fields[2])
    }

    /// Kills the postmaster and every backend with SIGKILL, as a crash of the database's machine would. (The
    /// postmaster alone is not enough: its backends go on until they notice, and one can still commit a tick.)
    func crash() throws {
        let pidFile = try String(contentsOfFile: "\(directory)/data/postmaster.pid", encoding: .utf8)
        guard let pid = pidFile.split(separator: "\n").first.flatMap({ Int32($0) }) else {
            throw NodeError("no pid in postmaster.pid")
        }
        let backends = Self.children(of: pid)
        guard kill(pid, SIGKILL) == 0 else { throw NodeError("could not kill the postmaster \(pid)") }
        for backend in backends { kill(backend, SIGKILL) }
    }

    /// The processes whose parent is `pid`, read from `/proc/PID/stat` (its fourth field).
    private static func children(of pid: Int32) -> [Int32] {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.compactMap { name -> Int32? in
            guard let child = Int32(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let afterName = stat.range(of: ") ", options: .backwards)
            else { return nil }
            // After "pid (comm) ": the state, then the parent's pid.
            let fields = stat[afterName.upperBound...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    /// The highest seq recorded in `price_tick`, read with `psql`.
    func lastRecordedSeq() throws -> Int64 {
        let output = try shell("psql '\(url)' -tAc 'SELECT COALESCE(max(seq), 0) FROM price_tick'")
        guard let seq = Int64(output) else { throw NodeError("psql printed \(output)") }
        return seq
    }

    /// Starts the server again, retrying while the killed one's backends are still going away.
    func restart() throws {
        try shell("\(variables); for _ in $(seq 60); do run_postgres_server 2>/dev/null && exit 0; sleep 0.5; done; exit 1")
    }

    /// Stops the server and removes the directory.
    func remove() {
        _ = try? shell("\(variables); stop_postgres_cluster")
    }

    private var variables: String { "postgres_dir='\(directory)' postgres_port='\(port)'" }

    /// Runs `command` in bash after sourcing the script; its output, trimmed.
    @discardableResult
    private static func shell(_ command: String) throws -> String {
        // The output goes to a file, not a pipe: the server the script starts inherits the test's descriptors,
        // so a pipe would never reach its end.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "source '\(script)' && \(command)"]
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Reaped here: `waitUntilExit()` was seen to wait forever for a script that had ended.
        var status: Int32 = 0
        while waitpid(process.processIdentifier, &status, 0) == -1, errno == EINTR {}
        guard status == 0 else { throw NodeError("`\(command)` failed (wait status \(status))") }
        let output = try String(contentsOf: outputFile, encoding: .utf8)
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    private func shell(_ command: String) throws -> String { try Self.shell(command) }
}
