import Foundation
import Hummingbird
import Logging
import StockAccounts
import StockStorage

/// `/auth/...`: registration, login with bearer tokens (and a TOTP code once the user turned it on) and logout;
/// TOTP set-up and disabling are `TOTPController`'s.
struct AuthController {
    let accounts: any AccountStore
    let checks: PasswordChecks
    let registrations: RegistrationRateLimiter
    /// Told about every logout, so that the token's live-price sockets close (on every node).
    let revocations: any TokenRevocationObserver
    /// How long a token from a login stays valid.
    let tokenLifetime: TimeInterval

    func addRoutes(to router: Router<AppRequestContext>) {
        let auth = router.group("auth")
        auth.post("register", use: register)
        auth.post("login", use: login)
        let authenticated = auth.group().add(middleware: TokenAuthenticator(accounts: accounts))
        authenticated.post("logout", use: logout)
        TOTPController(accounts: accounts, checks: checks).addRoutes(to: authenticated)
    }

    /// `POST /auth/register {"username", "password"}` → `201 {"id", "username"}`; `409` when the name is taken
    /// (found before any hashing), `429` with `Retry-After` past `--registrations-per-address`, `503` with
    /// `Retry-After` when the bcrypt queue is full.
    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UserJSON> {
        let body = try await request.decodeJSONBody(as: CredentialsBody.self)
        let username = try UsernameRules.newName(body.username)
        try PasswordRules.validate(body.password)
        let address = checks.clientAddress(of: request, context: context)
        let key: String
        switch await registrations.admit(address: address, now: Date()) {
        case .success(let admitted):
            key = admitted
        case .failure(let wait):
            context.logger.notice(
                "registration refused: too many from one address", metadata: ["address": "\(address?.limitKey ?? "unknown")"])
            throw APIError(
                .tooManyRequests, "too many registrations from this address; try again in \(wait.header) seconds",
                headers: [.retryAfter: wait.header])
        }
        do {
            let user = try await create(username, password: body.password, typed: body.username)
            await registrations.finish(key, counted: true, now: Date())
            context.logger.info("registered", metadata: ["user_id": "\(user.id)"])
            return EditedResponse(status: .created, response: UserJSON(id: user.id, username: user.username))
        } catch let error as APIError where error.status == .conflict {
            await registrations.finish(key, counted: true, now: Date())
            throw error
        } catch {
            await registrations.finish(key, counted: false, now: Date())
            throw error
        }
    }

    /// `POST /auth/login {"username", "password", "totp"?}` → `200 {"token", "expires_at", "user"}`; `401` when
    /// wrong (with `"totp_required": true` when the password was right and a code is missing or wrong), `429`
    /// with `Retry-After` past the guess limits, `503` with `Retry-After` when the bcrypt queue is full.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> LoginJSON {
        let body = try await request.decodeJSONBody(as: CredentialsBody.self)
        let forms = try UsernameRules.lookupForms(body.username)
        let address = checks.clientAddress(of: request, context: context)
        let user = try await checks.guess(username: forms[forms.count - 1], from: address, logger: context.logger) {
            () -> (LoginRateLimiter.Outcome, Result<UserAccount, APIError>) in
            let user = try await checks.account(named: forms)
            guard try await checks.verify(body.password, of: user), let user else {
                return (.failed, .failure(Self.wrongCredentials))
            }
            guard user.totpEnabled else { return (.succeeded, .success(user)) }
            guard let code = body.totp, !code.isEmpty else {
                return (.inconclusive, .failure(Self.totpRequired("a TOTP code is required: send \"totp\" with the code from your app")))
            }
            guard try await TOTPController.accept(code, of: user, accounts: accounts) else {
                return (.failed, .failure(Self.totpRequired("a TOTP code is required: the one sent is wrong, expired or already used")))
            }
            return (.succeeded, .success(user))
        }.get()

        let token = AuthTokens.generate()
        let now = Date()
        let expiry = now.addingTimeInterval(tokenLifetime)
        try await accounts.insertToken(hash: AuthTokens.hash(token), userID: user.id, createdAt: now, expiresAt: expiry)
        return LoginJSON(
            token: token, expiresAt: expiry.ISO8601Format(), user: UserJSON(id: user.id, username: user.username))
    }

    /// `POST /auth/logout` → `204`; the token that authenticated the request no longer works, and its open
    /// live-price sockets are closed with 4401 on every node.
    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let tokenHash = context.tokenHash {
            try await accounts.revokeToken(hash: tokenHash, at: Date())
            await revocations.tokenRevoked(hash: tokenHash)
        }
        return Response(status: .noContent)
    }

    static let wrongCredentials = APIError(.unauthorized, "wrong username or password")

    /// A login's `401` asking for the TOTP code (the password was right).
    static func totpRequired(_ message: String) -> APIError {
        APIError(.unauthorized, message, flags: ["totp_required": true])
    }

    /// Creates the account, unless the name (or the unfoldable form of it) is taken: that is a `409` before any
    /// hashing.
    private func create(_ username: String, password: String, typed: String) async throws -> UserAccount {
        let taken = APIError(.conflict, "the username \(username) is taken")
        if try await checks.account(named: UsernameRules.lookupForms(typed)) != nil { throw taken }
        let hash = try await checks.hashing.hash(password)
        do {
            return try await accounts.createUser(username: username, passwordHash: hash, at: Date())
        } catch StorageError.conflict {
            throw taken
        }
    }
}
