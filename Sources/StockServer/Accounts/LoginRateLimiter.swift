import Foundation

/// Limits failed logins per user name and per client address over a sliding window, to slow down password and
/// TOTP guessing.
///
/// The counts live in this process's memory: each node of a deployment counts its own failures, and a restart
/// forgets them. Memory is bounded: at most `limit` failure times are kept per key and at most
/// `maximumTrackedKeys` keys; past that, keys whose window has passed are dropped first, then the least recently
/// failing ones.
actor LoginRateLimiter {
    /// How many failures are allowed in which window.
    struct Limits: Sendable {
        var perUsername = 5
        var perAddress = 20
        var window: TimeInterval = 15 * 60
        var maximumTrackedKeys = 100_000

        init() {}
    }

    private enum Key: Hashable {
        case username(String)
        case address(String)
    }

    let limits: Limits
    /// The most recent failure times per key, oldest first, never more than the key's limit.
    private var failures: [Key: [Date]] = [:]

    init(limits: Limits) {
        self.limits = limits
    }

    /// How long the caller must wait before trying again, or nil when a login may be tried now. A client without
    /// a known address counts under one shared address.
    func retryAfter(username: String, address: String?, now: Date) -> TimeInterval? {
        let waits = [
            wait(for: .username(username), limit: limits.perUsername, now: now),
            wait(for: .address(address ?? "unknown"), limit: limits.perAddress, now: now),
        ].compactMap { $0 }
        return waits.max()
    }

    /// Counts one failed login against the user name and the address.
    func recordFailure(username: String, address: String?, now: Date) {
        append(now, to: .username(username), limit: limits.perUsername)
        append(now, to: .address(address ?? "unknown"), limit: limits.perAddress)
    }

    /// Forgets the user name's failures after a successful login (the address keeps its count).
    func recordSuccess(username: String) {
        failures[.username(username)] = nil
    }

    private func wait(for key: Key, limit: Int, now: Date) -> TimeInterval? {
        guard let times = failures[key] else { return nil }
        let recent = times.filter { now.timeIntervalSince($0) < limits.window }
        guard recent.count >= limit else { return nil }
        return recent[recent.count - limit].addingTimeInterval(limits.window).timeIntervalSince(now)
    }

    private func append(_ time: Date, to key: Key, limit: Int) {
        if failures[key] == nil, failures.count >= limits.maximumTrackedKeys { evict(now: time) }
        var times = failures[key, default: []].filter { time.timeIntervalSince($0) < limits.window }
        times.append(time)
        failures[key] = Array(times.suffix(limit))
    }

    /// Makes room for new keys: drops expired windows, then the least recently failing quarter of the keys.
    private func evict(now: Date) {
        failures = failures.filter { _, times in
            times.last.map { now.timeIntervalSince($0) < limits.window } ?? false
        }
        guard failures.count >= limits.maximumTrackedKeys else { return }
        let oldest = failures.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
            .prefix(failures.count / 4 + 1)
        for (key, _) in oldest { failures[key] = nil }
    }
}
