import Foundation
import Hummingbird
import Logging
import StockStorage

/// What every password check shares (login, TOTP set-up and disabling): the guess limits, the bounded bcrypt
/// queue, where a request comes from, and how a typed name finds its account.
struct PasswordChecks: Sendable {
    let accounts: any AccountStore
    let hashing: PasswordHashQueue
    let limiter: LoginRateLimiter
    let proxies: TrustedProxies

    /// The address `request` comes from, as the limits count it (`--trusted-proxy`).
    func clientAddress(of request: Request, context: AppRequestContext) -> ClientAddress? {
        proxies.clientAddress(peer: context.remoteAddress, headers: request.headers)
    }

    /// Runs one password guess for `username` (its stored form) from `address`: admitted first (else `429` with
    /// `Retry-After`), then `check`, whose outcome ends the attempt (inconclusive when it throws).
    func guess<Result: Sendable>(
        username: String, from address: ClientAddress?, logger: Logger,
        _ check: () async throws -> (LoginRateLimiter.Outcome, Result)
    ) async throws -> Result {
        let attempt: LoginRateLimiter.Attempt
        switch await limiter.admit(username: username, address: address, now: Date()) {
        case .success(let admitted):
            attempt = admitted
        case .failure(let wait):
            logger.notice(
                "password guess refused: too many failures",
                metadata: ["username": "\(username)", "address": "\(address?.limitKey ?? "unknown")"])
            throw APIError(
                .tooManyRequests, "too many failed logins; try again in \(wait.header) seconds",
                headers: [.retryAfter: wait.header])
        }
        do {
            let (outcome, result) = try await check()
            await limiter.finish(attempt, outcome, now: Date())
            return result
        } catch {
            await limiter.finish(attempt, .inconclusive, now: Date())
            throw error
        }
    }

    /// Whether `password` is the password of `user` (nil: an unknown user, checked in the same time). A
    /// password that could never have been registered is checked against the dummy hash, so it fails in the same
    /// time too (and bcrypt never sees bytes past its 72-byte limit).
    func verify(_ password: String, of user: UserAccount?) async throws -> Bool {
        let usable = (try? PasswordRules.validate(password)) != nil
        return try await hashing.verify(password, hash: usable ? user?.passwordHash : nil) && user != nil
    }

    /// The account a name typed at login belongs to: under the form of a name the v3 migration could not fold,
    /// else under the folded form (`UsernameRules.lookupForms`).
    func account(named forms: [String]) async throws -> UserAccount? {
        for form in forms {
            if let user = try await accounts.user(username: form) { return user }
        }
        return nil
    }
}
