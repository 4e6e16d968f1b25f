import Foundation
import NIOPosix
import StockAccounts
import Synchronization

/// bcrypt with a bounded queue: at most `maximumPending` hashes and verifications are waiting for or running, and
/// registrations take at most half of them, so that logins still get through a flood of registrations. A call
/// over the bound fails at once with `503` and `Retry-After` instead of waiting behind the others.
///
/// Registrations hash on a thread of their own (`registrationThreads`), checks on NIO's blocking pool (one
/// thread per core): a login never waits in line behind registrations, it only shares the cores with one of
/// them. At cost 12 (about 0.24 s of a core per hash) a full share of 8 registrations is about 2 s of waiting.
final class PasswordHashQueue: Sendable {
    enum Purpose: Sendable {
        /// Hashing the password of a new account.
        case registration
        /// Checking a password (login, TOTP set-up and disabling).
        case verification
    }

    /// What a refused caller is told to wait, in seconds.
    static let retryAfterSeconds = 2

    let hasher: PasswordHasher
    let maximumPending: Int
    /// Registrations may hold at most half the queue (at least one).
    var maximumPendingRegistrations: Int { max(1, maximumPending / 2) }
    private let pending = Mutex<(all: Int, registrations: Int)>((0, 0))

    init(hasher: PasswordHasher, maximumPending: Int) {
        self.hasher = hasher
        self.maximumPending = max(1, maximumPending)
    }

    /// The one thread of the process that hashes new passwords.
    static let registrationThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// A new hash of `password`, for a registration.
    func hash(_ password: String) async throws -> String {
        try await withSlot(for: .registration) { try await hasher.hash(password, on: Self.registrationThreads) }
    }

    /// Whether `password` matches `hash` (nil: an unknown user, checked against a dummy hash in the same time).
    func verify(_ password: String, hash: String?) async throws -> Bool {
        try await withSlot(for: .verification) { try await hasher.verify(password, hash: hash) }
    }

    /// The hashes waiting or running now.
    var pendingCount: Int { pending.withLock { $0.all } }

    private func withSlot<Result>(for purpose: Purpose, _ body: () async throws -> Result) async throws -> Result {
        let taken = pending.withLock { pending in
            guard pending.all < maximumPending else { return false }
            if purpose == .registration {
                guard pending.registrations < maximumPendingRegistrations else { return false }
                pending.registrations += 1
            }
            pending.all += 1
            return true
        }
        guard taken else {
            throw APIError(
                .serviceUnavailable, "the server is busy checking passwords; try again shortly",
                headers: [.retryAfter: String(Self.retryAfterSeconds)])
        }
        defer {
            pending.withLock { pending in
                pending.all -= 1
                if purpose == .registration { pending.registrations -= 1 }
            }
        }
        return try await body()
    }
}
