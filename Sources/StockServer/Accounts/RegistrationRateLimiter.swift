import Foundation

/// Limits registrations per client address (`ClientAddress.limitKey`, an IPv6 /64 as one) over a sliding window.
///
/// An attempt is admitted before the name is looked up or the password hashed, and counts whether it created
/// the account or found the name taken (so that the limit also slows down probing which names exist); only an
/// attempt the server could not carry out (its hash queue full, the store failing) leaves no trace. Counted in
/// each node's memory, like `LoginRateLimiter`.
actor RegistrationRateLimiter {
    let perAddress: Int
    private var attempts: AttemptWindow<String>

    init(perAddress: Int, window: TimeInterval, maximumTrackedKeys: Int = 100_000) {
        self.perAddress = perAddress
        attempts = AttemptWindow(window: window, maximumKeys: maximumTrackedKeys)
    }

    /// Admits a registration from `address` (its limit key, returned for `finish`), or answers the wait.
    func admit(address: ClientAddress?, now: Date) -> Result<String, RetryAfter> {
        let key = address?.limitKey ?? "unknown"
        if let wait = attempts.wait(for: key, limit: perAddress, now: now) { return .failure(RetryAfter(seconds: wait)) }
        attempts.begin(key, now: now)
        return .success(key)
    }

    /// Ends an admitted registration; `counted` unless the server could not carry it out.
    func finish(_ key: String, counted: Bool, now: Date) {
        attempts.end(key, counted: counted, limit: perAddress, now: now)
    }
}
