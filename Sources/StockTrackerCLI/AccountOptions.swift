import ArgumentParser
import StockServer

/// `serve`'s bounds on logins, registrations and password hashing, and the trusted proxies (`AccountLimits`, see
/// `docs/security.md`).
struct AccountOptions: ParsableArguments {
    @Option(help: """
        Failed logins for one name from one address (an IPv6 /64) per --login-failure-window; the next gets 429 \
        (env STOCKTRACKER_LOGIN_FAILURES_PER_NAME).
        """)
    var loginFailuresPerName: Int = Settings.environment.int(
        forKey: "login_failures_per_name", default: Settings.serveDefaults.accounts.loginFailuresPerNameFromAddress)

    @Option(help: """
        Failed logins from one address per window, whatever the names \
        (env STOCKTRACKER_LOGIN_FAILURES_PER_ADDRESS).
        """)
    var loginFailuresPerAddress: Int = Settings.environment.int(
        forKey: "login_failures_per_address", default: Settings.serveDefaults.accounts.loginFailuresPerAddress)

    @Option(help: """
        Failed logins for one name from all addresses per window; addresses that logged in to it before are \
        exempt (env STOCKTRACKER_LOGIN_FAILURES_PER_NAME_ALL_ADDRESSES).
        """)
    var loginFailuresPerNameAllAddresses: Int = Settings.environment.int(
        forKey: "login_failures_per_name_all_addresses", default: Settings.serveDefaults.accounts.loginFailuresPerName)

    @Option(help: "Seconds over which failed logins are counted (env STOCKTRACKER_LOGIN_FAILURE_WINDOW).")
    var loginFailureWindow: Double = Settings.environment.double(
        forKey: "login_failure_window", default: Settings.serveDefaults.accounts.loginFailureWindow)

    @Option(help: """
        Registrations from one address per --registration-window; the next gets 429 \
        (env STOCKTRACKER_REGISTRATIONS_PER_ADDRESS).
        """)
    var registrationsPerAddress: Int = Settings.environment.int(
        forKey: "registrations_per_address", default: Settings.serveDefaults.accounts.registrationsPerAddress)

    @Option(help: "Seconds over which registrations are counted (env STOCKTRACKER_REGISTRATION_WINDOW).")
    var registrationWindow: Double = Settings.environment.double(
        forKey: "registration_window", default: Settings.serveDefaults.accounts.registrationWindow)

    @Option(help: """
        bcrypt hashes waiting or running at once (registrations take at most half); past it, 503 \
        (env STOCKTRACKER_MAX_PENDING_HASHES).
        """)
    var maxPendingHashes: Int = Settings.environment.int(
        forKey: "max_pending_hashes", default: Settings.serveDefaults.accounts.maxPendingHashes)

    @Option(parsing: .upToNextOption, help: """
        Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is read; none by default \
        (env STOCKTRACKER_TRUSTED_PROXY, comma-separated).
        """)
    var trustedProxy: [String] = Settings.environment.stringArray(
        forKey: "trusted_proxy", default: Settings.serveDefaults.accounts.trustedProxies)

    @Option(help: "Seconds between two deletions of expired and revoked tokens (env STOCKTRACKER_TOKEN_SWEEP_INTERVAL).")
    var tokenSweepInterval: Double = Settings.environment.double(
        forKey: "token_sweep_interval",
        default: Double(Settings.serveDefaults.accounts.tokenSweepInterval.components.seconds))

    func validate() throws {
        for (flag, value) in [
            ("--login-failures-per-name", loginFailuresPerName), ("--login-failures-per-address", loginFailuresPerAddress),
            ("--login-failures-per-name-all-addresses", loginFailuresPerNameAllAddresses),
            ("--registrations-per-address", registrationsPerAddress), ("--max-pending-hashes", maxPendingHashes),
        ] where value < 1 {
            throw ValidationError("\(flag) must be at least 1")
        }
        for (flag, seconds) in [
            ("--login-failure-window", loginFailureWindow), ("--registration-window", registrationWindow),
            ("--token-sweep-interval", tokenSweepInterval),
        ] where !(seconds > 0 && seconds <= Self.maxSeconds) {
            throw ValidationError("\(flag) must be between 0 and \(Int(Self.maxSeconds)) seconds")
        }
        if let invalid = limits.invalidTrustedProxies.first {
            throw ValidationError("--trusted-proxy \(invalid) is not an IP address or a CIDR network (10.0.0.0/8)")
        }
    }

    /// The limits these options give.
    var limits: AccountLimits {
        var limits = AccountLimits()
        limits.loginFailuresPerNameFromAddress = loginFailuresPerName
        limits.loginFailuresPerAddress = loginFailuresPerAddress
        limits.loginFailuresPerName = loginFailuresPerNameAllAddresses
        limits.loginFailureWindow = loginFailureWindow
        limits.registrationsPerAddress = registrationsPerAddress
        limits.registrationWindow = registrationWindow
        limits.maxPendingHashes = maxPendingHashes
        limits.trustedProxies = trustedProxy
        limits.tokenSweepInterval = .milliseconds(Int64(tokenSweepInterval * 1000))
        return limits
    }

    /// The longest window or interval accepted: 30 days.
    private static let maxSeconds = 30 * 86_400.0
}
