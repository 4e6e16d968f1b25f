import Foundation
import Logging
import PostgresNIO
import StockStoragePostgres
import Testing

@Suite("PostgreSQL migrations")
struct PostgresMigrationTests {
    @Test("nodes starting at once migrate once; migrating again changes nothing")
    func concurrentAndRepeated() async throws {
        try await StorageBackend.postgres.withFreshDatabase { database in
            guard case .postgres(let url) = database else { return }
            let logger = Logger.quietTestLogger
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await PostgresStorage.withStorage(url: url, logger: logger) { _ in }
                    }
                }
                try await group.waitForAll()
            }
            try await PostgresStorage.withStorage(url: url, logger: logger) { storage in
                try await storage.migrate()
                let rows = try await storage.client.query("SELECT count(*) FROM listing_state", logger: logger)
                for try await count in rows.decode(Int64.self) { #expect(count == 1) }
                #expect(try await storage.listingVersion() == 0)
            }
        }
    }
}
