import ArgumentParser
import Foundation
import StockAccounts
import StockModel
import StockStorage

/// `stocktracker generate-users`: fills the database (SQLite or PostgreSQL, through `BulkAccountStore`) with many
/// users and seeded random watchlists for scale runs, in large transactions with one precomputed bcrypt hash for
/// all, optionally writing login tokens for some of them so that a load test can authenticate.
struct GenerateUsers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-users",
        abstract: "Create many users (user000001, ...) with seeded random watchlists, for scale runs.")

    @Option(help: "How many users to create.")
    var users: Int

    @Option(help: "How many securities on each user's watchlist.")
    var items: Int = 10

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The password every generated user gets (hashed once).")
    var passwordHashOf: String = "password123"

    @Option(help: "bcrypt cost of that one hash.")
    var bcryptCost: Int = Settings.serveDefaults.bcryptCost

    @Option(help: "Seed of the watchlists' random choice (the same seed gives the same lists).")
    var seed: UInt64 = 1

    @Option(help: "Write login tokens to this file, one per line.")
    var tokensFile: String?

    @Option(help: "How many users (spread evenly) get a token in --tokens-file.")
    var tokens: Int = 1000

    @Option(help: "Users per transaction.")
    var batchSize: Int = 50_000

    func validate() throws {
        guard users > 0 else { throw ValidationError("--users must be positive") }
        guard (0...500).contains(items) else { throw ValidationError("--items must be between 0 and 500") }
        guard PasswordHasher.costRange.contains(bcryptCost) else {
            throw ValidationError("--bcrypt-cost must be between 4 and 31")
        }
        if tokensFile != nil, !(1...users).contains(tokens) {
            throw ValidationError("--tokens must be between 1 and --users")
        }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let passwordHash = try await PasswordHasher(cost: bcryptCost).hash(passwordHashOf)
        let (users, items, seed, batchSize) = (users, items, seed, batchSize)
        let tokenCount = tokensFile == nil ? 0 : tokens
        let (issuedTokens, databaseBytes): ([String], Int64?) = try await database.withStorage { storage in
            let securityIDs = try await storage.allSecurityIDs()
            guard securityIDs.count >= items else {
                throw CommandFailure(
                    "the database holds \(securityIDs.count) securities, fewer than --items \(items): import a listing first")
            }
            var random = SplitMix64(seed: seed)
            let tokenEvery = tokenCount == 0 ? 0 : users / tokenCount
            var issuedTokens: [String] = []
            let now = Date()
            let expiry = now.addingTimeInterval(Settings.serveDefaults.tokenLifetime)
            var next = 1
            while next <= users {
                let last = min(users, next + batchSize - 1)
                var batch: [BulkAccount] = []
                batch.reserveCapacity(last - next + 1)
                for number in next...last {
                    var tokenHash: Data?
                    if tokenEvery > 0, (number - 1) % tokenEvery == 0, issuedTokens.count < tokenCount {
                        let token = AuthTokens.generate()
                        issuedTokens.append(token)
                        tokenHash = AuthTokens.hash(token)
                    }
                    batch.append(BulkAccount(
                        username: Self.username(number, of: users),
                        securityIDs: Self.pick(items, from: securityIDs, using: &random), tokenHash: tokenHash))
                }
                do {
                    try await storage.insertAccounts(batch, passwordHash: passwordHash, at: now, tokenExpiry: expiry)
                } catch {
                    throw CommandFailure("could not insert users \(next)-\(last) (do they exist already?): \(error)")
                }
                FileHandle.standardError.write(Data("\r\(last)/\(users) users".utf8))
                next = last + 1
            }
            FileHandle.standardError.write(Data("\n".utf8))
            return (issuedTokens, try await storage.finishBulkInsert())
        }
        if let tokensFile {
            try (issuedTokens.joined(separator: "\n") + "\n").write(toFile: tokensFile, atomically: true, encoding: .utf8)
        }
        let seconds = (clock.now - start).components.seconds
        print(
            "created \(users) users with \(items) items each in \(seconds) s"
                + (tokensFile.map { ", \(issuedTokens.count) tokens in \($0)" } ?? "")
                + (databaseBytes.map { "; database \($0 / 1_000_000) MB" } ?? ""))
    }

    /// `user000001`: numbered from 1, zero-padded to at least six digits (more when there are more users).
    static func username(_ number: Int, of total: Int) -> String {
        let digits = String(number)
        return "user" + String(repeating: "0", count: max(6, String(total).count) - digits.count) + digits
    }

    /// `count` distinct ids from `ids`.
    static func pick(_ count: Int, from ids: [Int64], using random: inout SplitMix64) -> [Int64] {
        var picked: [Int64] = []
        picked.reserveCapacity(count)
        while picked.count < count {
            let id = ids[Int(random.next() % UInt64(ids.count))]
            if !picked.contains(id) { picked.append(id) }
        }
        return picked
    }
}
