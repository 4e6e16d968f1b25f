import Foundation

/// Limits password (and TOTP) guesses per user name and per client address over a sliding window.
///
/// An attempt is admitted and counted as under way before its password is hashed, and ends as failed (it then
/// stays in the window), succeeded or inconclusive (it leaves no trace): however many requests arrive at once, no
/// more guesses than a limit allows are ever under way or counted. Three limits apply, each per `window`:
/// - per name from one address (`perNameFromAddress`): the lockout a guesser earns for a name is its own, so
///   someone guessing from elsewhere cannot keep the owner out;
/// - per address (`perAddress`), whatever the names;
/// - per name from all addresses (`perName`), against guessing from many addresses; an address that logged in to
///   the name within `knownAddressLifetime` is exempt, so that the owner still gets in from where they did before.
/// Addresses are counted by `ClientAddress.limitKey` (an IPv6 /64 as one).
///
/// The counts live in this process's memory: each node counts its own attempts, and a restart forgets them.
/// Memory is bounded by `maximumTrackedKeys` (see `AttemptWindow`), for the known addresses too.
actor LoginRateLimiter {
    struct Limits: Sendable {
        var perNameFromAddress = 5
        var perAddress = 20
        var perName = 50
        var window: TimeInterval = 15 * 60
        var knownAddressLifetime: TimeInterval = 30 * 24 * 3600
        var maximumTrackedKeys = 100_000
        /// Addresses remembered per name for the `perName` exemption.
        static let knownAddressesPerName = 8

        init() {}
    }

    /// How an admitted attempt ended.
    enum Outcome: Sendable {
        /// A wrong password or TOTP code: it counts.
        case failed
        /// The right password (and code): the name's failures from this address are forgotten.
        case succeeded
        /// Nothing was learnt (the right password without the code it needs, or the server could not check).
        case inconclusive
    }

    /// An admitted attempt; `finish` it once.
    struct Attempt: Sendable {
        fileprivate let keys: [Key]
        fileprivate let username: String
        fileprivate let address: String
    }

    fileprivate enum Key: Hashable, Sendable {
        case nameFromAddress(String, String)
        case address(String)
        case name(String)
    }

    let limits: Limits
    private var attempts: AttemptWindow<Key>
    /// Per name, the address keys that logged in to it, with when they last did.
    private var knownAddresses: [String: [String: Date]] = [:]

    init(limits: Limits) {
        self.limits = limits
        attempts = AttemptWindow(window: limits.window, maximumKeys: limits.maximumTrackedKeys)
    }

    /// Admits an attempt to log in as `username` (its stored form) from `address`, or answers how many seconds the
    /// caller must wait. A client without a known address counts under one shared address.
    func admit(username: String, address: ClientAddress?, now: Date) -> Result<Attempt, RetryAfter> {
        let addressKey = address?.limitKey ?? "unknown"
        var keys: [Key] = [.nameFromAddress(username, addressKey), .address(addressKey)]
        if !isKnown(addressKey, for: username, now: now) { keys.append(.name(username)) }
        let waits = keys.compactMap { attempts.wait(for: $0, limit: limit(of: $0), now: now) }
        if let wait = waits.max() { return .failure(RetryAfter(seconds: wait)) }
        for key in keys { attempts.begin(key, now: now) }
        return .success(Attempt(keys: keys, username: username, address: addressKey))
    }

    /// Ends an admitted attempt.
    func finish(_ attempt: Attempt, _ outcome: Outcome, now: Date) {
        for key in attempt.keys {
            attempts.end(key, counted: outcome == .failed, limit: limit(of: key), now: now)
        }
        guard outcome == .succeeded else { return }
        attempts.forget(.nameFromAddress(attempt.username, attempt.address))
        remember(attempt.address, for: attempt.username, now: now)
    }

    private func limit(of key: Key) -> Int {
        switch key {
        case .nameFromAddress: limits.perNameFromAddress
        case .address: limits.perAddress
        case .name: limits.perName
        }
    }

    private func isKnown(_ address: String, for username: String, now: Date) -> Bool {
        knownAddresses[username]?[address].map { now.timeIntervalSince($0) < limits.knownAddressLifetime } ?? false
    }

    private func remember(_ address: String, for username: String, now: Date) {
        if knownAddresses[username] == nil, knownAddresses.count >= limits.maximumTrackedKeys {
            // The least recently used quarter of the names goes.
            let oldest = knownAddresses.sorted { ($0.value.values.max() ?? .distantPast) < ($1.value.values.max() ?? .distantPast) }
            for (name, _) in oldest.prefix(knownAddresses.count / 4 + 1) { knownAddresses[name] = nil }
        }
        var known = knownAddresses[username, default: [:]].filter { now.timeIntervalSince($0.value) < limits.knownAddressLifetime }
        known[address] = now
        if known.count > Limits.knownAddressesPerName, let oldest = known.min(by: { $0.value < $1.value }) {
            known[oldest.key] = nil
        }
        knownAddresses[username] = known
    }
}

/// How long a refused caller must wait, for a `Retry-After` header.
struct RetryAfter: Error, Sendable {
    var seconds: TimeInterval

    /// Whole seconds, at least 1.
    var header: String { String(max(1, Int(seconds.rounded(.up)))) }
}
