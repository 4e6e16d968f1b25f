import ArgumentParser
import Foundation
import StockAccounts
import StockServer
import StockStorage
import StockStorageSQLite

/// `socket-load prepare`: users `load-1` ... `load-N`, each with a token and a watchlist, written to a token file
/// (one token a line).
struct Prepare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create load users, tokens and watchlists.")

    @Option(help: "The server's SQLite database (stop the server or let it run: WAL allows both).")
    var db: String

    @Option(help: "Number of users (one socket each).")
    var users: Int = 10_000

    @Option(help: "Securities per watchlist.")
    var watch: Int = 10

    @Option(help: "Where to write the tokens.")
    var tokens: String = "load-tokens.txt"

    func run() async throws {
        let storage = try SQLiteStorage(path: db)
        let securities = try await storage.allSecurities().map(\.id)
        guard securities.count >= watch else {
            throw ValidationError("the database holds \(securities.count) securities, fewer than --watch \(watch)")
        }
        var lines = [String]()
        lines.reserveCapacity(users)
        let now = Date()
        for index in 1...users {
            var user = try await storage.user(username: "load-\(index)")
            if user == nil { user = try await storage.createUser(username: "load-\(index)", passwordHash: "-", at: now) }
            guard let user else { continue }
            let token = AuthTokens.generate()
            try await storage.insertToken(
                hash: AuthTokens.hash(token), userID: user.id, createdAt: now, expiresAt: now + 86_400)
            // Spread watchlists over the listing: user i watches a stride-7 run starting at a user-dependent place.
            for offset in 0..<watch {
                let security = securities[(index * 13 + offset * 7) % securities.count]
                _ = try await storage.addToWatchlist(userID: user.id, securityID: security, limit: 1_000, at: now)
            }
            lines.append(token)
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: tokens, atomically: true, encoding: .utf8)
        print("prepared \(users) users watching \(watch) securities each; tokens in \(tokens)")
    }
}
