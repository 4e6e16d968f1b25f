import Foundation
import GRDB
import SearchEval
import StockSearch

/// The same securities in SQLite FTS5 with the `trigram` tokenizer (system libsqlite3 through GRDB), in
/// memory, as the baseline the in-process index is compared with.
///
/// The table holds the raw ticker, name and aliases (SQLite folds ASCII case; SQLite 3.40 has no
/// `remove_diacritics` for trigram). A query of 3+ characters is one FTS5 string (`"..."`), ranked by bm25;
/// shorter queries, which the trigram tokenizer cannot answer, are a `LIKE 'q%'` prefix scan of ticker and
/// name and are timed separately.
struct FTS5Baseline {
    let queue: DatabaseQueue
    let sqliteVersion: String

    init(records: [SearchRecord]) throws {
        queue = try DatabaseQueue()
        sqliteVersion = try queue.read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?" }
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE fts USING fts5(ticker, name, aliases, tokenize = 'trigram')")
            let insert = try db.makeStatement(sql: "INSERT INTO fts(rowid, ticker, name, aliases) VALUES (?, ?, ?, ?)")
            for record in records {
                try insert.execute(arguments: [record.id, record.ticker, record.name, record.aliases.joined(separator: "; ")])
            }
        }
    }

    static func isShort(_ query: String) -> Bool {
        query.trimmingCharacters(in: .whitespaces).count < 3
    }

    /// Record ids of the first `limit` matches.
    func search(_ query: String, limit: Int = 10, in db: Database) throws -> [Int64] {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        if Self.isShort(trimmed) {
            let statement = try db.cachedStatement(
                sql: "SELECT rowid FROM fts WHERE ticker LIKE ?1 || '%' OR name LIKE ?1 || '%' LIMIT ?2")
            return try Int64.fetchAll(statement, arguments: [trimmed, limit])
        }
        let statement = try db.cachedStatement(sql: "SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT ?2")
        let phrase = "\"" + trimmed.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return try Int64.fetchAll(statement, arguments: [phrase, limit])
    }
}
