import Foundation
import Logging
import ServiceLifecycle
import StockStorage

/// Deletes expired and revoked tokens when the node starts and then every `interval` (`--token-sweep-interval`),
/// `batchSize` rows per statement, so that the token table holds live tokens only. Every node of a cluster runs
/// one; the deletes are idempotent. A failed sweep is logged and tried again at the next interval.
struct DeadTokenSweeper: Service {
    let accounts: any AccountStore
    let interval: Duration
    let logger: Logger
    static let batchSize = 10_000

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let deleted = try await sweep(now: Date())
                    if deleted > 0 { logger.info("deleted dead login tokens", metadata: ["tokens": "\(deleted)"]) }
                } catch {
                    logger.error("could not delete dead login tokens", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Deletes every token dead at `now`; returns how many.
    func sweep(now: Date) async throws -> Int {
        var total = 0
        while true {
            let deleted = try await accounts.deleteDeadTokens(now: now, limit: Self.batchSize)
            total += deleted
            if deleted < Self.batchSize || Task.isCancelled { return total }
        }
    }
}
