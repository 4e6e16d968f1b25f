import Foundation
import GRDB
import StockModel
import StockStorage

extension SQLiteStorage: WatchlistStore {
    public func watchlists(userID: Int64) async throws -> [WatchlistSummary] {
        try await pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT w.id, w.name, (SELECT count(*) FROM watchlist_entry e WHERE e.watchlist_id = w.id) AS count
                FROM watchlist w WHERE w.account_id = ? ORDER BY w.id
                """)
            return try Row.fetchAll(statement, arguments: [userID]).map {
                WatchlistSummary(id: $0["id"], name: $0["name"], count: $0["count"])
            }
        }
    }

    public func createWatchlist(userID: Int64, name: String, maximumLists: Int, at time: Date) async throws
        -> WatchlistSummary
    {
        try await pool.write { db in
            let count = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM watchlist WHERE account_id = ?"), arguments: [userID]) ?? 0
            guard count < maximumLists else { throw StorageError.limitReached(WatchlistMessages.tooManyLists(maximumLists)) }
            try Self.checkNameFree(name, userID: userID, except: nil, db)
            try db.cachedStatement(sql: "INSERT INTO watchlist (account_id, name, created_ms) VALUES (?, ?, ?)")
                .execute(arguments: [userID, name, time.storedMilliseconds])
            return WatchlistSummary(id: db.lastInsertedRowID, name: name, count: 0)
        }
    }

    public func renameWatchlist(userID: Int64, listID: Int64, to name: String) async throws -> WatchlistSummary {
        try await pool.write { db in
            let id = try Self.listID(.id(listID), userID: userID, db)
            try Self.checkNameFree(name, userID: userID, except: id, db)
            try db.cachedStatement(sql: "UPDATE watchlist SET name = ? WHERE id = ?").execute(arguments: [name, id])
            return WatchlistSummary(id: id, name: name, count: try Self.itemCount(id, db))
        }
    }

    public func deleteWatchlist(userID: Int64, listID: Int64) async throws {
        try await pool.write { db in
            let id = try Self.listID(.id(listID), userID: userID, db)
            let count = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM watchlist WHERE account_id = ?"), arguments: [userID]) ?? 0
            guard count > 1 else { throw StorageError.conflict(WatchlistMessages.lastList) }
            try db.cachedStatement(sql: "DELETE FROM watchlist WHERE id = ?").execute(arguments: [id])
        }
    }

    public func securities(userID: Int64, in list: WatchlistSelector) async throws -> [Security] {
        try await pool.read { db in
            let id = try Self.listID(list, userID: userID, db)
            let statement = try db.cachedStatement(sql: """
                SELECT \(Self.securityColumns("s."))
                FROM watchlist_entry e JOIN security s ON s.id = e.security_id
                WHERE e.watchlist_id = ? ORDER BY e.position
                """)
            return try Row.fetchAll(statement, arguments: [id]).map(Self.security)
        }
    }

    public func add(
        securityID: Int64, userID: Int64, to list: WatchlistSelector, limits: WatchlistLimits, at time: Date
    ) async throws -> WatchlistAddition {
        try await pool.write { db in
            let id = try Self.listID(list, userID: userID, db)
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM security WHERE id = ?"), arguments: [securityID])
                != nil
            else { throw StorageError.notFound(WatchlistMessages.unknownSecurity(securityID)) }
            let state = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT EXISTS (SELECT 1 FROM watchlist_entry WHERE watchlist_id = ?1 AND security_id = ?2) AS present,
                           (SELECT count(*) FROM watchlist_entry WHERE watchlist_id = ?1) AS count,
                           (SELECT COALESCE(max(position), 0) FROM watchlist_entry WHERE watchlist_id = ?1) AS last,
                           EXISTS (SELECT 1 FROM watchlist_entry e JOIN watchlist w ON w.id = e.watchlist_id
                                   WHERE w.account_id = ?3 AND e.security_id = ?2) AS watched,
                           (SELECT count(DISTINCT e.security_id) FROM watchlist_entry e
                            JOIN watchlist w ON w.id = e.watchlist_id WHERE w.account_id = ?3) AS distinct_count
                    """),
                arguments: [id, securityID, userID])!
            if state["present"] as Bool { return .alreadyPresent }
            if let broken = WatchlistMessages.limitBroken(
                count: state["count"], distinct: state["distinct_count"], alreadyWatched: state["watched"],
                limits: limits)
            {
                throw StorageError.limitReached(broken)
            }
            try db.cachedStatement(
                sql: "INSERT INTO watchlist_entry (watchlist_id, security_id, position) VALUES (?, ?, ?)"
            ).execute(arguments: [id, securityID, (state["last"] as Int64) + 1])
            return .added
        }
    }

    public func remove(securityID: Int64, userID: Int64, from list: WatchlistSelector) async throws -> Bool {
        try await pool.write { db in
            let id = try Self.listID(list, userID: userID, db)
            try db.cachedStatement(sql: "DELETE FROM watchlist_entry WHERE watchlist_id = ? AND security_id = ?")
                .execute(arguments: [id, securityID])
            return db.changesCount > 0
        }
    }

    public func reorder(userID: Int64, listID: Int64, securityIDs: [Int64]) async throws {
        try await pool.write { db in
            let id = try Self.listID(.id(listID), userID: userID, db)
            let held = try Int64.fetchSet(
                db.cachedStatement(sql: "SELECT security_id FROM watchlist_entry WHERE watchlist_id = ?"),
                arguments: [id])
            guard securityIDs.count == held.count, Set(securityIDs) == held
            else { throw StorageError.invalid(WatchlistMessages.badOrder) }
            let update = try db.cachedStatement(
                sql: "UPDATE watchlist_entry SET position = ? WHERE watchlist_id = ? AND security_id = ?")
            for (position, securityID) in securityIDs.enumerated() {
                try update.execute(arguments: [position + 1, id, securityID])
            }
        }
    }

    public func watchedSecurities(userID: Int64) async throws -> [Security] {
        try await pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT \(Self.securityColumns("s.")) FROM security s
                WHERE s.id IN (SELECT e.security_id FROM watchlist_entry e JOIN watchlist w ON w.id = e.watchlist_id
                               WHERE w.account_id = ?)
                ORDER BY s.id
                """)
            return try Row.fetchAll(statement, arguments: [userID]).map(Self.security)
        }
    }

    /// Creates a new account's first list, `Watchlist`; returns its id.
    @discardableResult
    static func insertFirstWatchlist(accountID: Int64, createdMilliseconds: Int64, _ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO watchlist (account_id, name, created_ms) VALUES (?, 'Watchlist', ?)")
            .execute(arguments: [accountID, createdMilliseconds])
        return db.lastInsertedRowID
    }

    /// The id of the user's list `list`; throws `.notFound` for none (or another user's).
    private static func listID(_ list: WatchlistSelector, userID: Int64, _ db: Database) throws -> Int64 {
        let found: Int64?
        switch list {
        case .oldest:
            found = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT min(id) FROM watchlist WHERE account_id = ?"), arguments: [userID])
        case .id(let id):
            found = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM watchlist WHERE id = ? AND account_id = ?"),
                arguments: [id, userID])
        }
        guard let found else { throw StorageError.notFound(WatchlistMessages.unknownList(list)) }
        return found
    }

    private static func checkNameFree(_ name: String, userID: Int64, except listID: Int64?, _ db: Database) throws {
        let other = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM watchlist WHERE account_id = ? AND name = ?"),
            arguments: [userID, name])
        if let other, other != listID { throw StorageError.conflict(WatchlistMessages.nameTaken(name)) }
    }

    private static func itemCount(_ listID: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT count(*) FROM watchlist_entry WHERE watchlist_id = ?"),
            arguments: [listID]) ?? 0
    }
}
