import Hummingbird

/// `POST /auth/register` and `POST /auth/login` bodies (`totp` only at login, when TOTP is on).
struct CredentialsBody: Decodable {
    var username: String
    var password: String
    var totp: String?
}

/// `POST /auth/totp/confirm` body.
struct TOTPCodeBody: Decodable {
    var code: String
}

/// `POST /auth/totp/setup` body.
struct PasswordBody: Decodable {
    var password: String
}

/// `POST /auth/totp/disable` body.
struct PasswordAndCodeBody: Decodable {
    var password: String
    var code: String
}

/// A user as the API shows it.
struct UserJSON: ResponseEncodable {
    var id: Int64
    var username: String
}

/// `POST /auth/login` answer: the token is shown this once only.
struct LoginJSON: ResponseEncodable {
    var token: String
    /// ISO 8601.
    var expiresAt: String
    var user: UserJSON

    enum CodingKeys: String, CodingKey {
        case token, user
        case expiresAt = "expires_at"
    }
}

/// `POST /auth/totp/setup` answer.
struct TOTPSetupJSON: ResponseEncodable {
    /// Base32, for typing into an authenticator app.
    var secret: String
    var otpauthURI: String

    enum CodingKeys: String, CodingKey {
        case secret
        case otpauthURI = "otpauth_uri"
    }
}

/// `POST /auth/totp/confirm` and `/auth/totp/disable` answer.
struct TOTPStatusJSON: ResponseEncodable {
    var totpEnabled: Bool

    enum CodingKeys: String, CodingKey {
        case totpEnabled = "totp_enabled"
    }
}
