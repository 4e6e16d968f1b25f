import Foundation
import GRDB
import StockStorage

/// The embedded store: one SQLite file in WAL mode, opened through a GRDB `DatabasePool` (one writer, many
/// concurrent readers). It implements every storage protocol.
public final class SQLiteStorage: Sendable {
    /// The GRDB pool, exposed for tools (benchmarks, the data generator) that need raw access.
    public let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // In WAL mode, NORMAL keeps every committed transaction across a crash of the process (SIGKILL);
            // only a power loss can take back the last ones. FULL would add an fsync to every commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        try SQLiteSchema.migrator.migrate(pool)
    }

    /// The SQLite file's size in bytes, write-ahead log included.
    public func fileSize() -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
            return total + (size ?? 0)
        }
    }
}

extension Date {
    /// Milliseconds since 1970, the way times are stored.
    var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storedMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000)
    }
}
