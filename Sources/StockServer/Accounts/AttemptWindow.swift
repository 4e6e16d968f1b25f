import Foundation

/// Attempts per key over a sliding window, counting the attempts still under way as well as the finished ones
/// that count (failed logins, registrations), so that a limit checked and reserved in one step holds however many
/// requests arrive at once.
///
/// Memory is bounded: at most `limit` times are kept per key, and past `maximumKeys` keys, the keys with nothing
/// under way and nothing recent are dropped first, then the least recently used quarter of those with nothing
/// under way. The caller serializes access (an actor).
struct AttemptWindow<Key: Hashable & Sendable>: Sendable {
    private struct Entry {
        /// The counted attempts within the window, oldest first, at most the key's limit.
        var times: [Date] = []
        /// Attempts begun and not yet ended.
        var underWay = 0
        var lastUsed: Date
    }

    let window: TimeInterval
    let maximumKeys: Int
    private var entries: [Key: Entry] = [:]

    init(window: TimeInterval, maximumKeys: Int) {
        self.window = window
        self.maximumKeys = maximumKeys
    }

    /// How long until one more attempt for `key` fits under `limit`, or nil when one may begin now. When attempts
    /// under way fill the limit, the wait is `underWayWait`: they end within a hash's time, and may not count.
    func wait(for key: Key, limit: Int, now: Date, underWayWait: TimeInterval = 1) -> TimeInterval? {
        guard let entry = entries[key] else { return nil }
        let recent = entry.times.filter { now.timeIntervalSince($0) < window }
        guard recent.count + entry.underWay >= limit else { return nil }
        guard recent.count >= limit else { return underWayWait }
        // The attempt that must leave the window before one more fits.
        return recent[recent.count - limit].addingTimeInterval(window).timeIntervalSince(now)
    }

    /// Notes an attempt for `key` as under way (checked with `wait` first).
    mutating func begin(_ key: Key, now: Date) {
        if entries[key] == nil, entries.count >= maximumKeys { evict(now: now) }
        entries[key, default: Entry(lastUsed: now)].underWay += 1
        entries[key]?.lastUsed = now
    }

    /// Ends an attempt begun for `key`; when `counted`, it stays in the window (at most `limit` are kept).
    mutating func end(_ key: Key, counted: Bool, limit: Int, now: Date) {
        guard var entry = entries[key] else { return }
        entry.underWay = max(0, entry.underWay - 1)
        entry.lastUsed = now
        if counted {
            entry.times = Array((entry.times.filter { now.timeIntervalSince($0) < window } + [now]).suffix(limit))
        }
        entries[key] = entry
    }

    /// Forgets the counted attempts of `key` (attempts under way stay).
    mutating func forget(_ key: Key) {
        entries[key]?.times = []
    }

    /// Makes room for a new key: drops keys with nothing under way and nothing in the window, then the least
    /// recently used quarter of the keys with nothing under way.
    private mutating func evict(now: Date) {
        entries = entries.filter { _, entry in
            entry.underWay > 0 || entry.times.last.map { now.timeIntervalSince($0) < window } ?? false
        }
        guard entries.count >= maximumKeys else { return }
        let idle = entries.filter { $0.value.underWay == 0 }.sorted { $0.value.lastUsed < $1.value.lastUsed }
        for (key, _) in idle.prefix(entries.count / 4 + 1) { entries[key] = nil }
    }
}
