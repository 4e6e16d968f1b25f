import Foundation
import Hummingbird
import StockStorage

/// `/auth/totp/...`, behind the bearer token: set-up and disabling need the account's password too (`disable`
/// also a current code), so that a stolen token alone can neither enrol the thief's authenticator (which would
/// lock the owner out of new logins) nor turn the second factor off. A wrong password or code is `403` (a `401`
/// would tell clients that the token is bad) and counts as a failed login (`LoginRateLimiter`).
struct TOTPController {
    let accounts: any AccountStore
    let checks: PasswordChecks

    func addRoutes(to authenticated: RouterGroup<AppRequestContext>) {
        authenticated.post("totp/setup", use: setUp)
        authenticated.post("totp/confirm", use: confirm)
        authenticated.post("totp/disable", use: disable)
    }

    /// `POST /auth/totp/setup {"password"}` → `200 {"secret", "otpauth_uri"}`: a new secret, required at login
    /// only once a code from it is confirmed. `409` while TOTP is on.
    @Sendable func setUp(_ request: Request, context: AppRequestContext) async throws -> TOTPSetupJSON {
        let user = try context.requireUser()
        let body = try await request.decodeJSONBody(as: PasswordBody.self)
        guard !user.totpEnabled else { throw APIError(.conflict, "TOTP is already enabled for this account") }
        let refusal = try await checks.guess(
            username: user.username, from: checks.clientAddress(of: request, context: context), logger: context.logger
        ) { () -> (LoginRateLimiter.Outcome, APIError?) in
            try await checks.verify(body.password, of: user) ? (.succeeded, nil) : (.failed, Self.wrongPassword)
        }
        if let refusal { throw refusal }
        let secret = TOTP.generateSecret()
        try await accounts.setTOTP(userID: user.id, secret: Base32.encode(secret), enabled: false)
        return TOTPSetupJSON(
            secret: Base32.encode(secret), otpauthURI: TOTP.provisioningURI(secret: secret, username: user.username))
    }

    /// `POST /auth/totp/confirm {"code"}` → `200 {"totp_enabled": true}`: a valid code from the set-up secret
    /// turns TOTP on.
    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> TOTPStatusJSON {
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

    /// `POST /auth/totp/disable {"password", "code"}` → `200 {"totp_enabled": false}`: the secret is forgotten
    /// and login needs the password only. `409` while TOTP is off.
    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> TOTPStatusJSON {
        let user = try context.requireUser()
        let body = try await request.decodeJSONBody(as: PasswordAndCodeBody.self)
        guard user.totpEnabled else { throw APIError(.conflict, "TOTP is not enabled for this account") }
        let refusal = try await checks.guess(
            username: user.username, from: checks.clientAddress(of: request, context: context), logger: context.logger
        ) { () -> (LoginRateLimiter.Outcome, APIError?) in
            guard try await checks.verify(body.password, of: user) else { return (.failed, Self.wrongPassword) }
            guard try await Self.accept(body.code, of: user, accounts: accounts) else {
                return (.failed, APIError(.forbidden, "the TOTP code is wrong, expired or already used"))
            }
            return (.succeeded, nil)
        }
        if let refusal { throw refusal }
        try await accounts.setTOTP(userID: user.id, secret: nil, enabled: false)
        return TOTPStatusJSON(totpEnabled: false)
    }

    static let wrongPassword = APIError(.forbidden, "the password is wrong")

    /// Whether `code` is a current code of `user`'s secret not used before (it is used up now).
    static func accept(_ code: String, of user: UserAccount, accounts: any AccountStore) async throws -> Bool {
        let step = user.totpSecret.flatMap(Base32.decode).flatMap { TOTP.matchingStep(for: code, secret: $0, at: Date()) }
        guard let step else { return false }
        return try await accounts.useTOTPStep(userID: user.id, step: step)
    }
}
