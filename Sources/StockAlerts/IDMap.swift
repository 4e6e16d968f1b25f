/// A hash map from `Int64` ids to `UInt32` values in 12 bytes a bucket, filled up to 7/8 (Swift's `Dictionary`
/// stops at 3/4 of a power of two, so a million alerts would take 2^21 buckets: 25 bytes an alert instead of
/// about 16 here). Open addressing with linear probing; removal shifts the following entries back, so there are
/// no tombstones and lookups never slow down with churn.
struct IDMap: Sendable {
    private static let empty = UInt32.max
    private var keys: [Int64] = []
    /// `empty` marks a free bucket; no stored value may be `UInt32.max`.
    private var values: [UInt32] = []
    private(set) var count = 0

    init() {}

    /// Room for `count` entries without growing, plus a third more.
    init(minimumCapacity count: Int) {
        let buckets = count + count / 3 + 8
        keys = Array(repeating: 0, count: buckets)
        values = Array(repeating: Self.empty, count: buckets)
    }

    var bytesHeld: Int {
        keys.capacity * MemoryLayout<Int64>.stride + values.capacity * MemoryLayout<UInt32>.stride
    }

    /// The value of `key`; setting `nil` removes it.
    subscript(key: Int64) -> UInt32? {
        get {
            guard let bucket = find(key) else { return nil }
            return values[bucket]
        }
        set {
            if let value = newValue {
                update(key, value)
            } else if let bucket = find(key) {
                remove(at: bucket)
            }
        }
    }

    private mutating func update(_ key: Int64, _ value: UInt32) {
        precondition(value != Self.empty, "IDMap cannot store UInt32.max")
        if let bucket = find(key) {
            values[bucket] = value
            return
        }
        if (count + 1) * 8 > keys.count * 7 { grow() }
        var bucket = home(of: key)
        while values[bucket] != Self.empty { bucket = next(bucket) }
        keys[bucket] = key
        values[bucket] = value
        count += 1
    }

    private func find(_ key: Int64) -> Int? {
        guard !keys.isEmpty else { return nil }
        var bucket = home(of: key)
        while values[bucket] != Self.empty {
            if keys[bucket] == key { return bucket }
            bucket = next(bucket)
        }
        return nil
    }

    /// Empties `bucket` and moves back each entry of the run after it that may sit there (its home is not
    /// between the hole and where it sits), so every entry stays reachable from its home.
    private mutating func remove(at bucket: Int) {
        var hole = bucket
        var candidate = next(bucket)
        while values[candidate] != Self.empty {
            if distance(from: home(of: keys[candidate]), to: candidate) >= distance(from: hole, to: candidate) {
                keys[hole] = keys[candidate]
                values[hole] = values[candidate]
                hole = candidate
            }
            candidate = next(candidate)
        }
        values[hole] = Self.empty
        count -= 1
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.1 != Self.empty }
        self = IDMap(minimumCapacity: count * 5 / 4)
        for (key, value) in old { update(key, value) }
    }

    /// Fibonacci hashing, mapped onto the buckets by a multiply (any bucket count works).
    private func home(of key: Int64) -> Int {
        let hash = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
        return Int(hash.multipliedFullWidth(by: UInt64(keys.count)).high)
    }

    private func next(_ bucket: Int) -> Int { bucket + 1 == keys.count ? 0 : bucket + 1 }

    private func distance(from start: Int, to end: Int) -> Int {
        end >= start ? end - start : end + keys.count - start
    }
}
