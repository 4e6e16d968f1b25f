import Foundation
import Logging
import StockServer
import StockStoragePostgres

extension GenerateUsers {
    /// The PostgreSQL path: each batch of users and their watchlists is one `generate_series` statement run by
    /// the server, so no row crosses the network; the watchlists follow a fixed spread rather than `--seed`.
    func runOnPostgres() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let passwordHash = try await PasswordHasher(cost: bcryptCost).hash(passwordHashOf)
        let (users, items, batchSize, tokens, tokensFile) = (users, items, batchSize, tokens, tokensFile)
        let digits = max(6, String(users).count)
        guard let url = database.resolvedPostgresURL else { return }
        let issued: [String] = try await PostgresStorage.withStorage(
            url: PostgresURL(url), logger: Logger(label: "stocktracker")
        ) { storage in
            let listed = try await storage.securityCount()
            guard listed >= items else {
                throw CommandFailure(
                    "the database holds \(listed) securities, fewer than --items \(items): import a listing first")
            }
            let now = Date()
            var next = 1
            while next <= users {
                let last = min(users, next + batchSize - 1)
                do {
                    try await storage.generateAccounts(
                        numbers: next...last, digits: digits, items: items, passwordHash: passwordHash, at: now)
                } catch {
                    throw CommandFailure("could not insert users \(next)-\(last) (do they exist already?): \(error)")
                }
                FileHandle.standardError.write(Data("\r\(last)/\(users) users".utf8))
                next = last + 1
            }
            FileHandle.standardError.write(Data("\n".utf8))
            guard tokensFile != nil, tokens > 0 else { return [] }
            let every = users / tokens
            let issued = (0..<tokens).map { index in
                (username: Self.username(index * every + 1, of: users), token: AuthTokens.generate())
            }
            try await storage.insertTokens(
                issued.map { ($0.username, AuthTokens.hash($0.token)) }, createdAt: now,
                expiresAt: now.addingTimeInterval(Settings.serveDefaults.tokenLifetime))
            return issued.map(\.token)
        }
        if let tokensFile {
            try (issued.joined(separator: "\n") + "\n").write(toFile: tokensFile, atomically: true, encoding: .utf8)
        }
        print(
            "created \(users) users with \(items) items each in \((clock.now - start).components.seconds) s"
                + (tokensFile.map { ", \(issued.count) tokens in \($0)" } ?? ""))
    }
}
