import Foundation
import Hummingbird
import Logging
import StockAccounts
import StockStorage

/// `/auth/...`: registration, login with bearer tokens (and a TOTP code once the user turned it on), logout, and
/// TOTP set-up.
struct AuthController {
    let accounts: any AccountStore
    let hasher: PasswordHasher
    let limiter: LoginRateLimiter
    /// How long a token from a login stays valid.
    let tokenLifetime: TimeInterval

    func addRoutes(to router: Router<AppRequestContext>) {
        let auth = router.group("auth")
        auth.post("register", use: register)
        auth.post("login", use: login)
        let authenticated = auth.group().add(middleware: TokenAuthenticator(accounts: accounts))
        authenticated.post("logout", use: logout)
        authenticated.post("totp/setup", use: setUpTOTP)
        authenticated.post("totp/confirm", use: confirmTOTP)
    }

    /// `POST /auth/register {"username", "password"}` → `201 {"id", "username"}`, `409` when the name is taken.
    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UserJSON> {
        let body = try await request.decodeJSONBody(as: CredentialsBody.self)
        let username = try UsernameRules.normalize(body.username)
        try PasswordRules.validate(body.password)
        let hash = try await hasher.hash(body.password)
        do {
            let user = try await accounts.createUser(username: username, passwordHash: hash, at: Date())
            context.logger.info("registered", metadata: ["user_id": "\(user.id)"])
            return EditedResponse(status: .created, response: UserJSON(id: user.id, username: user.username))
        } catch StorageError.conflict {
            throw APIError(.conflict, "the username \(username) is taken")
        }
    }

    /// `POST /auth/login {"username", "password", "totp"?}` → `200 {"token", "expires_at", "user"}`; `401` when
    /// wrong, `429` with `Retry-After` after too many failures.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> LoginJSON {
        let body = try await request.decodeJSONBody(as: CredentialsBody.self)
        let username = try UsernameRules.normalize(body.username)
        let address = context.remoteAddress
        if let wait = await limiter.retryAfter(username: username, address: address, now: Date()) {
            let seconds = max(1, Int(wait.rounded(.up)))
            context.logger.notice(
                "login refused: too many failures",
                metadata: ["username": "\(username)", "address": "\(address ?? "unknown")"])
            throw APIError(
                .tooManyRequests, "too many failed logins; try again in \(seconds) seconds",
                headers: [.retryAfter: String(seconds)])
        }
        let user = try await accounts.user(username: username)
        // A password that could never have been registered is checked against the dummy hash, so it fails in the
        // same time (and bcrypt never sees bytes past its 72-byte limit).
        let usable = (try? PasswordRules.validate(body.password)) != nil
        guard try await hasher.verify(body.password, hash: usable ? user?.passwordHash : nil), let user else {
            await limiter.recordFailure(username: username, address: address, now: Date())
            throw APIError(.unauthorized, "wrong username or password")
        }
        if user.totpEnabled {
            try await checkTOTP(body.totp, of: user, address: address)
        }
        await limiter.recordSuccess(username: username)

        let token = AuthTokens.generate()
        let now = Date()
        let expiry = now.addingTimeInterval(tokenLifetime)
        try await accounts.insertToken(hash: AuthTokens.hash(token), userID: user.id, createdAt: now, expiresAt: expiry)
        return LoginJSON(
            token: token, expiresAt: expiry.ISO8601Format(), user: UserJSON(id: user.id, username: user.username))
    }

    /// `POST /auth/logout` → `204`; the token that authenticated the request no longer works.
    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let tokenHash = context.tokenHash {
            try await accounts.revokeToken(hash: tokenHash, at: Date())
        }
        return Response(status: .noContent)
    }

    /// `POST /auth/totp/setup` → `200 {"secret", "otpauth_uri"}`: a new secret, required at login only once a code
    /// from it is confirmed. Refused (`409`) while TOTP is on, so that a stolen token cannot replace the secret.
    @Sendable func setUpTOTP(_ request: Request, context: AppRequestContext) async throws -> TOTPSetupJSON {
        let user = try context.requireUser()
        guard !user.totpEnabled else { throw APIError(.conflict, "TOTP is already enabled for this account") }
        let secret = TOTP.generateSecret()
        try await accounts.setTOTP(userID: user.id, secret: Base32.encode(secret), enabled: false)
        return TOTPSetupJSON(
            secret: Base32.encode(secret), otpauthURI: TOTP.provisioningURI(secret: secret, username: user.username))
    }

    /// `POST /auth/totp/confirm {"code"}` → `200 {"totp_enabled": true}`: a valid code from the set-up secret
    /// turns TOTP on.
    @Sendable func confirmTOTP(_ request: Request, context: AppRequestContext) async throws -> TOTPStatusJSON {
        let user = try context.requireUser()
        let body = try await request.decodeJSONBody(as: TOTPCodeBody.self)
        guard let encoded = user.totpSecret, let secret = Base32.decode(encoded) else {
            throw APIError(.conflict, "no TOTP secret yet: call POST /auth/totp/setup first")
        }
        guard let step = TOTP.matchingStep(for: body.code, secret: secret, at: Date()) else {
            throw APIError(.badRequest, "the TOTP code is wrong or expired")
        }
        guard try await accounts.useTOTPStep(userID: user.id, step: step) else {
            throw APIError(.badRequest, "the TOTP code was already used; wait for the next one")
        }
        try await accounts.setTOTP(userID: user.id, secret: encoded, enabled: true)
        return TOTPStatusJSON(totpEnabled: true)
    }

    /// Accepts a login's TOTP code once: a wrong or replayed code counts as a failed login.
    private func checkTOTP(_ code: String?, of user: UserAccount, address: String?) async throws {
        guard let code, !code.isEmpty else {
            throw APIError(.unauthorized, "a TOTP code is required: send \"totp\" with the code from your app")
        }
        let step = user.totpSecret.flatMap(Base32.decode).flatMap {
            TOTP.matchingStep(for: code, secret: $0, at: Date())
        }
        guard let step, try await accounts.useTOTPStep(userID: user.id, step: step) else {
            await limiter.recordFailure(username: user.username, address: address, now: Date())
            throw APIError(.unauthorized, "a TOTP code is required: the one sent is wrong, expired or already used")
        }
    }
}
