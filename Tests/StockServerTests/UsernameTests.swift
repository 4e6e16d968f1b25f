import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import StockAccounts
import StockApp
import StockServer
import StockStorage
import StockStorageSQLite
import Testing

@Suite("User names: folding, look-alikes, accounts from before")
struct UsernameTests {
    @Test(
        "look-alike names are refused with a 400 naming the problem",
        arguments: [
            ("\u{430}lice", "one script"),  // Cyrillic а, then Latin
            ("p\u{430}ypal", "one script"),
            ("\u{3B1}lice", "one script"),  // Greek α
            ("ali\u{200B}ce", "U+200B"),  // zero width space
            ("alice\u{200D}", "U+200D"),  // zero width joiner
            ("\u{202E}ecila", "U+202E"),  // right-to-left override
            ("alice\u{3164}", "U+3164"),  // Hangul filler
            ("al\u{A0}ice", "U+00A0"),  // no-break space
            ("alice\u{2800}", "U+2800"),  // Braille blank
            ("ali\u{AD}ce", "U+00AD"),  // soft hyphen
            ("alice\u{FE0F}", "U+FE0F"),  // variation selector
            ("ab\u{661}", "one script"),  // an Arabic-Indic digit among Latin letters
        ])
    func lookAlikes(name: String, problem: String) async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            let body = try String(decoding: JSONEncoder().encode(["username": name, "password": "correct horse"]), as: UTF8.self)
            let reply = try await client.send(.post, "/auth/register", json: body)
            #expect(reply.status == .badRequest)
            let message = try reply.errorMessage()
            #expect(message.contains("username"))
            #expect(message.contains(problem), "\(message)")
        }
    }

    @Test(
        "names of one script (or of one language's scripts) register, folded",
        arguments: [
            ("Straße", "strasse"), ("ΣΊΣΥΦΟΣ", "σίσυφοσ"), ("José", "josé"), ("山田たろう", "山田たろう"),
            ("김민수", "김민수"), ("Ａｌｉｃｅ_99", "alice_99"), ("tanaka太郎", "tanaka太郎"), ("a.b-c", "a.b-c"),
        ])
    func accepted(name: String, stored: String) async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            let body = try String(decoding: JSONEncoder().encode(["username": name, "password": "correct horse"]), as: UTF8.self)
            let reply = try await client.send(.post, "/auth/register", json: body)
            #expect(reply.status == .created, "\(String(decoding: reply.body, as: UTF8.self))")
            #expect(try reply.object()["username"] as? String == stored)
        }
    }

    @Test("names differing only by case folding are one name: STRASSE logs in to Straße, and cannot register again")
    func caseFolding() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("Straße")
            for typed in ["STRASSE", "strasse", "STRAẞE", "ｓｔｒａｓｓｅ"] {
                _ = try await client.login(typed)
                let again = try await client.send(.post, "/auth/register", json: credentials(typed, "other password"))
                #expect(again.status == .conflict, "\(typed)")
            }
        }
    }

    @Test("accounts stored before v3 keep logging in, look-alike or not, and a folded name that was taken stays apart")
    func existingAccounts() async throws {
        let directory = try TemporaryDirectory()
        let hash = try await PasswordHasher(cost: 4).hash("correct horse")
        // Stored as the server before v3 did: NFKC and lower case only, no refusals of look-alikes.
        let long = String(repeating: "x", count: 63) + "ß"
        let legacy = ["straße", "\u{430}lice", "bob\u{3164}", "strasse", "σίσυφος", long]
        try await LegacyDatabase.create(at: directory.databasePath, names: legacy, passwordHash: hash)
        let stores = try Stores.sqlite(path: directory.databasePath)
        // Folded where it could be; kept where the folded form was taken or too long.
        #expect(try await stores.accounts.user(username: "σίσυφοσ") != nil)
        #expect(try await stores.accounts.user(username: "σίσυφος") == nil)
        #expect(try await stores.accounts.user(username: "straße") != nil)
        #expect(try await stores.accounts.user(username: long) != nil)
        let app = try await buildApplication(testConfiguration(), stores: stores)
        try await app.test(.router) { client in
            for typed in ["Straße", "\u{410}LICE", "bob\u{3164}", "strasse", "ΣΊΣΥΦΟΣ", "Σίσυφος", String(repeating: "X", count: 63) + "ß"] {
                _ = try await client.login(typed)
            }
            // "straße" could not take "strasse" (an account of its own): each name still reaches its own account.
            let straße = try await client.send(.post, "/auth/login", json: credentials("Straße", "correct horse"))
            let strasse = try await client.send(.post, "/auth/login", json: credentials("STRASSE", "correct horse"))
            let first = try #require((try straße.object()["user"] as? [String: Any])?["id"] as? Int)
            let second = try #require((try strasse.object()["user"] as? [String: Any])?["id"] as? Int)
            #expect(first != second)
        }
    }
}

/// A SQLite database as the server before the v3 migration left it: the v3 migration is forgotten and the names are
/// stored in their old form, so that opening it runs v3 on them.
enum LegacyDatabase {
    static func create(at path: String, names: [String], passwordHash: String) async throws {
        let storage = try SQLiteStorage(path: path)
        try await storage.pool.write { db in
            for name in names {
                try db.execute(
                    sql: "INSERT INTO account (username, password_hash, created_ms) VALUES (?, ?, 0)",
                    arguments: [name, passwordHash])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v3:%'")
        }
    }
}
