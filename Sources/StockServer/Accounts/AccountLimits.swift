/// The bounds on logins, registrations and password hashing, part of `ServerConfiguration` (see
/// `docs/security.md`). Counts are kept per node; an address is counted by its IPv4 address or IPv6 /64.
public struct AccountLimits: Sendable {
    /// Failed logins for one name from one address within `loginFailureWindow`; the next gets 429.
    public var loginFailuresPerNameFromAddress = 5
    /// Failed logins from one address within the window, whatever the names.
    public var loginFailuresPerAddress = 20
    /// Failed logins for one name from all addresses within the window; addresses that logged in to the name
    /// within the last 30 days are exempt (so the owner still gets in).
    public var loginFailuresPerName = 50
    /// Seconds over which failed logins are counted.
    public var loginFailureWindow: Double = 15 * 60
    /// Registrations from one address within `registrationWindow`; the next gets 429.
    public var registrationsPerAddress = 10
    /// Seconds over which registrations are counted.
    public var registrationWindow: Double = 3600
    /// bcrypt hashes and checks waiting or running at once (registrations take at most half); past it, 503.
    public var maxPendingHashes = 16
    /// Reverse proxies (addresses or CIDR networks) whose `X-Forwarded-For` is read; none by default.
    public var trustedProxies: [String] = []
    /// How often expired and revoked tokens are deleted.
    public var tokenSweepInterval: Duration = .seconds(3600)

    public init() {}

    /// The entries of `trustedProxies` that are neither an address nor a CIDR network.
    public var invalidTrustedProxies: [String] {
        trustedProxies.filter { AddressRange($0) == nil }
    }

    var loginLimits: LoginRateLimiter.Limits {
        var limits = LoginRateLimiter.Limits()
        limits.perNameFromAddress = loginFailuresPerNameFromAddress
        limits.perAddress = loginFailuresPerAddress
        limits.perName = loginFailuresPerName
        limits.window = loginFailureWindow
        return limits
    }
}
