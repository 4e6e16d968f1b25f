import Foundation
import PostgresNIO
import StockModel
import StockStorage

/// Every change locks the account row first, so that concurrent changes of one user's lists (on any node) are
/// counted one after the other and the limits hold.
extension PostgresStorage: WatchlistStore {
    public func watchlists(userID: Int64) async throws -> [WatchlistSummary] {
        let rows = try await client.query(
            """
            SELECT w.id, w.name, (SELECT count(*) FROM watchlist_entry e WHERE e.watchlist_id = w.id)
            FROM watchlist w WHERE w.account_id = \(userID) ORDER BY w.id
            """, logger: logger)
        var lists: [WatchlistSummary] = []
        for try await (id, name, count) in rows.decode((Int64, String, Int64).self) {
            lists.append(WatchlistSummary(id: id, name: name, count: Int(count)))
        }
        return lists
    }

    public func createWatchlist(userID: Int64, name: String, maximumLists: Int, at time: Date) async throws
        -> WatchlistSummary
    {
        try await changingLists(of: userID) { connection in
            let count = try await Self.int(
                connection.query("SELECT count(*) FROM watchlist WHERE account_id = \(userID)", logger: logger))
            guard count < maximumLists else { throw StorageError.limitReached(WatchlistMessages.tooManyLists(maximumLists)) }
            try await checkNameFree(name, userID: userID, except: nil, on: connection)
            let id = try await Self.int(connection.query(
                """
                INSERT INTO watchlist (account_id, name, created_ms)
                VALUES (\(userID), \(name), \(time.storedMilliseconds)) RETURNING id
                """, logger: logger))
            return WatchlistSummary(id: id, name: name, count: 0)
        }
    }

    public func renameWatchlist(userID: Int64, listID: Int64, to name: String) async throws -> WatchlistSummary {
        try await changingLists(of: userID) { connection in
            let id = try await self.listID(.id(listID), userID: userID, on: connection)
            try await checkNameFree(name, userID: userID, except: id, on: connection)
            try await connection.run("UPDATE watchlist SET name = \(name) WHERE id = \(id)", logger: logger)
            let count = try await Self.int(connection.query(
                "SELECT count(*) FROM watchlist_entry WHERE watchlist_id = \(id)", logger: logger))
            return WatchlistSummary(id: id, name: name, count: Int(count))
        }
    }

    public func deleteWatchlist(userID: Int64, listID: Int64) async throws {
        try await changingLists(of: userID) { connection in
            let id = try await self.listID(.id(listID), userID: userID, on: connection)
            let count = try await Self.int(
                connection.query("SELECT count(*) FROM watchlist WHERE account_id = \(userID)", logger: logger))
            guard count > 1 else { throw StorageError.conflict(WatchlistMessages.lastList) }
            try await connection.run("DELETE FROM watchlist WHERE id = \(id)", logger: logger)
        }
    }

    public func securities(userID: Int64, in list: WatchlistSelector) async throws -> [Security] {
        var securities: [Security] = []
        switch list {
        case .oldest:
            for try await row in try await client.execute(PreparedStatements.Watchlist(userID: userID), logger: logger) {
                securities.append(Self.security(row))
            }
        case .id(let listID):
            let statement = PreparedStatements.WatchlistEntries(userID: userID, listID: listID)
            for try await row in try await client.execute(statement, logger: logger) {
                securities.append(Self.security(row))
            }
            // No rows: an empty list of the user's, or none at all.
            if securities.isEmpty {
                _ = try await client.withConnection { try await self.listID(list, userID: userID, on: $0) }
            }
        }
        return securities
    }

    public func add(
        securityID: Int64, userID: Int64, to list: WatchlistSelector, limits: WatchlistLimits, at time: Date
    ) async throws -> WatchlistAddition {
        try await changingLists(of: userID) { connection in
            let id = try await self.listID(list, userID: userID, on: connection)
            let rows = try await connection.query(
                """
                SELECT EXISTS (SELECT 1 FROM security WHERE id = \(securityID)),
                       EXISTS (SELECT 1 FROM watchlist_entry WHERE watchlist_id = \(id) AND security_id = \(securityID)),
                       (SELECT count(*) FROM watchlist_entry WHERE watchlist_id = \(id)),
                       (SELECT COALESCE(max(position), 0) FROM watchlist_entry WHERE watchlist_id = \(id)),
                       EXISTS (SELECT 1 FROM watchlist_entry e JOIN watchlist w ON w.id = e.watchlist_id
                               WHERE w.account_id = \(userID) AND e.security_id = \(securityID)),
                       (SELECT count(DISTINCT e.security_id) FROM watchlist_entry e
                        JOIN watchlist w ON w.id = e.watchlist_id WHERE w.account_id = \(userID))
                """, logger: logger)
            var state: (exists: Bool, present: Bool, count: Int64, last: Int64, watched: Bool, distinct: Int64)?
            for try await row in rows.decode((Bool, Bool, Int64, Int64, Bool, Int64).self) { state = row }
            guard let state else { throw PostgresStorageError.missingResult("the watchlist check") }
            guard state.exists else { throw StorageError.notFound(WatchlistMessages.unknownSecurity(securityID)) }
            if state.present { return WatchlistAddition.alreadyPresent }
            if let broken = WatchlistMessages.limitBroken(
                count: Int(state.count), distinct: Int(state.distinct), alreadyWatched: state.watched, limits: limits)
            {
                throw StorageError.limitReached(broken)
            }
            try await connection.run(
                """
                INSERT INTO watchlist_entry (watchlist_id, security_id, position)
                VALUES (\(id), \(securityID), \(state.last + 1))
                """, logger: logger)
            return WatchlistAddition.added
        }
    }

    public func remove(securityID: Int64, userID: Int64, from list: WatchlistSelector) async throws -> Bool {
        try await client.withConnection { connection in
            let id = try await self.listID(list, userID: userID, on: connection)
            let rows = try await connection.query(
                """
                DELETE FROM watchlist_entry WHERE watchlist_id = \(id) AND security_id = \(securityID)
                RETURNING security_id
                """, logger: logger)
            return try await !rows.collect().isEmpty
        }
    }

    public func reorder(userID: Int64, listID: Int64, securityIDs: [Int64]) async throws {
        try await changingLists(of: userID) { connection in
            let id = try await self.listID(.id(listID), userID: userID, on: connection)
            var held = Set<Int64>()
            let rows = try await connection.query(
                "SELECT security_id FROM watchlist_entry WHERE watchlist_id = \(id)", logger: logger)
            for try await securityID in rows.decode(Int64.self) { held.insert(securityID) }
            guard securityIDs.count == held.count, Set(securityIDs) == held
            else { throw StorageError.invalid(WatchlistMessages.badOrder) }
            try await connection.run(
                """
                UPDATE watchlist_entry e SET position = o.position
                FROM unnest(\(securityIDs)::BIGINT[]) WITH ORDINALITY AS o(security_id, position)
                WHERE e.watchlist_id = \(id) AND e.security_id = o.security_id
                """, logger: logger)
        }
    }

    public func watchedSecurities(userID: Int64) async throws -> [Security] {
        try await securities(where: """
            WHERE id IN (SELECT e.security_id FROM watchlist_entry e JOIN watchlist w ON w.id = e.watchlist_id
                         WHERE w.account_id = \(userID))
            ORDER BY id
            """)
    }

    /// Runs `body` in a transaction that first locks the user's account row.
    private func changingLists<Result: Sendable>(
        of userID: Int64, _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.inTransaction(logger: logger) { connection in
                try await connection.run("SELECT id FROM account WHERE id = \(userID) FOR UPDATE", logger: logger)
                return try await body(connection)
            }
        }
    }

    /// The id of the user's list `list`; throws `.notFound` for none (or another user's).
    private func listID(_ list: WatchlistSelector, userID: Int64, on connection: PostgresConnection) async throws
        -> Int64
    {
        let rows = switch list {
        case .oldest:
            try await connection.query(
                "SELECT id FROM watchlist WHERE account_id = \(userID) ORDER BY id LIMIT 1", logger: logger)
        case .id(let id):
            try await connection.query(
                "SELECT id FROM watchlist WHERE id = \(id) AND account_id = \(userID)", logger: logger)
        }
        for try await id in rows.decode(Int64.self) { return id }
        throw StorageError.notFound(WatchlistMessages.unknownList(list))
    }

    private func checkNameFree(_ name: String, userID: Int64, except listID: Int64?, on connection: PostgresConnection)
        async throws
    {
        let rows = try await connection.query(
            "SELECT id FROM watchlist WHERE account_id = \(userID) AND name = \(name)", logger: logger)
        for try await other in rows.decode(Int64.self) where other != listID {
            throw StorageError.conflict(WatchlistMessages.nameTaken(name))
        }
    }

    /// The first column of the first row, as an integer.
    private static func int(_ rows: PostgresRowSequence) async throws -> Int64 {
        for try await value in rows.decode(Int64.self) { return value }
        throw PostgresStorageError.missingResult("an integer")
    }
}
