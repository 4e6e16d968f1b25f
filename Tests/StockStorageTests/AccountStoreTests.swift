import Foundation
import StockStorage
import Testing

@Suite("Account store")
struct AccountStoreTests {
    @Test("a user name is taken once; users are found by name and id", arguments: StorageBackend.allCases)
    func createAndFind(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                let created = Date(timeIntervalSince1970: 1_700_000_000.5)
                let ada = try await store.createUser(username: "ada", passwordHash: "hash", at: created)
                #expect(ada.createdAt == created)
                await #expect(throws: StorageError.conflict("the username ada is taken")) {
                    _ = try await store.createUser(username: "ada", passwordHash: "other", at: Date())
                }
                let grace = try await store.createUser(username: "grace", passwordHash: "hash2", at: created)
                #expect(grace.id != ada.id)
                #expect(try await store.user(username: "ada") == ada)
                #expect(try await store.user(id: grace.id)?.username == "grace")
                #expect(try await store.user(username: "nobody") == nil)
                #expect(try await store.user(id: 999_999) == nil)
            }
        }
    }

    @Test("a TOTP step is accepted once, and never an earlier one after it", arguments: StorageBackend.allCases)
    func totpStepReplay(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                let user = try await store.createUser(username: "ada", passwordHash: "hash", at: Date())
                try await store.setTOTP(userID: user.id, secret: "JBSWY3DPEHPK3PXP", enabled: true)
                let stored = try #require(try await store.user(id: user.id))
                #expect(stored.totpSecret == "JBSWY3DPEHPK3PXP")
                #expect(stored.totpEnabled)
                #expect(try await store.useTOTPStep(userID: user.id, step: 100))
                #expect(try await !store.useTOTPStep(userID: user.id, step: 100))
                #expect(try await !store.useTOTPStep(userID: user.id, step: 99))
                #expect(try await store.useTOTPStep(userID: user.id, step: 101))
                try await store.setTOTP(userID: user.id, secret: nil, enabled: false)
                #expect(try await store.user(id: user.id)?.totpSecret == nil)
            }
        }
    }

    @Test("concurrent uses of one TOTP step: exactly one wins", arguments: StorageBackend.allCases)
    func totpStepRace(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                let user = try await store.createUser(username: "ada", passwordHash: "hash", at: Date())
                let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<8 { group.addTask { try await store.useTOTPStep(userID: user.id, step: 500) } }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(accepted == 1)
            }
        }
    }

    @Test("tokens are found by hash until they expire or are revoked", arguments: StorageBackend.allCases)
    func tokens(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                let user = try await store.createUser(username: "ada", passwordHash: "hash", at: Date())
                let hash = Data(repeating: 7, count: 32)
                let other = Data(repeating: 9, count: 32)
                let now = Date(timeIntervalSince1970: 1_700_000_000)
                try await store.insertToken(
                    hash: hash, userID: user.id, createdAt: now, expiresAt: now.addingTimeInterval(3_600))
                #expect(try await store.user(tokenHash: hash, now: now)?.id == user.id)
                #expect(try await store.user(tokenHash: hash, now: now.addingTimeInterval(3_600)) == nil)
                #expect(try await store.user(tokenHash: other, now: now) == nil)
                #expect(try await store.token(hash: hash, now: now)?.expiresAt == now.addingTimeInterval(3_600))
                try await store.revokeToken(hash: hash, at: now.addingTimeInterval(1))
                #expect(try await store.user(tokenHash: hash, now: now) == nil)
                try await store.revokeToken(hash: other, at: now)
            }
        }
    }

    @Test("expired and revoked tokens are deleted in batches; valid ones stay", arguments: StorageBackend.allCases)
    func deadTokens(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            try await database.withStore { store in
                let user = try await store.createUser(username: "ada", passwordHash: "hash", at: Date())
                let now = Date(timeIntervalSince1970: 1_700_000_000)
                var live: [Data] = []
                for index in 0..<10 {
                    let hash = Data(repeating: UInt8(index), count: 32)
                    // 0-3 expired (3 exactly now), 4-6 valid, 7-9 revoked.
                    let expiry = index < 4 ? now.addingTimeInterval(Double(index - 3)) : now.addingTimeInterval(3_600)
                    try await store.insertToken(hash: hash, userID: user.id, createdAt: now, expiresAt: expiry)
                    if index >= 7 { try await store.revokeToken(hash: hash, at: now) }
                    if (4..<7).contains(index) { live.append(hash) }
                }
                #expect(try await store.deleteDeadTokens(now: now, limit: 2) == 4)
                #expect(try await store.deleteDeadTokens(now: now, limit: 2) == 3)
                #expect(try await store.deleteDeadTokens(now: now, limit: 2) == 0)
                for hash in live { #expect(try await store.user(tokenHash: hash, now: now)?.id == user.id) }
            }
        }
    }

    @Test("v3 folds the names stored before it, unless the folded name is taken or too long", arguments: StorageBackend.allCases)
    func usernameMigration(backend: StorageBackend) async throws {
        try await backend.withFreshDatabase { database in
            let long = String(repeating: "x", count: 63) + "ß"
            // As the server stored names before v3: NFKC and lower case.
            let legacy = ["straße", "σίσυφος", "strasse", long, "groß"]
            try await database.withStore { store in
                for name in legacy { _ = try await store.createUser(username: name, passwordHash: "hash", at: Date()) }
            }
            try await database.forgetMigration(named: "v3:")
            try await database.withStore { store in
                var names: [String] = []
                for id in 1...Int64(legacy.count) { names.append(try #require(try await store.user(id: id)).username) }
                #expect(names == ["straße", "σίσυφοσ", "strasse", long, "gross"])
            }
        }
    }
}
