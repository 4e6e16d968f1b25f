import GRDB

/// Copies the write-ahead log back into the database file once a second from a connection of its own.
///
/// SQLite's automatic checkpoint runs inside whichever commit crosses 1000 WAL pages, so that one request pays
/// for copying the pages and two fsyncs (tens of milliseconds on a busy disk). A PASSIVE checkpoint here never
/// waits for or blocks the readers and the writer, and keeps the WAL as short as the automatic one did.
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
