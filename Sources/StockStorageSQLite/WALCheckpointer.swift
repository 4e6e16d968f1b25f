import GRDB

/// Copies the write-ahead log back into the database file once a second, from a connection of its own.
///
/// SQLite's automatic checkpoint runs inside whichever commit crosses its threshold, so that one request pays for
/// copying the pages and two fsyncs (tens of milliseconds on a busy disk). A PASSIVE checkpoint here never waits
/// for or blocks the readers and the writer, and under ordinary load it finishes, so that the next transaction
/// starts the WAL over. Under sustained heavy writes it cannot finish (frames keep coming): then SQLite's own
/// checkpoint, left on at a higher threshold (`SQLiteStorage.automaticCheckpointPages`), still bounds the WAL.
final class WALCheckpointer: Sendable {
    private let task: Task<Void, Never>

    init(path: String, interval: Duration = .seconds(1)) throws {
        let connection = try DatabaseQueue(path: path)
        task = Task.detached(priority: .background) {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // A checkpoint that cannot run now (another one is running) is simply done at the next tick.
                _ = try? await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
        }
    }

    deinit { task.cancel() }
}
