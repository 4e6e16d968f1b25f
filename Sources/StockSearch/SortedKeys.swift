/// Distinct keys in ascending lexicographic order, stored back to back in one array.
final class SortedKeys<Unit: FixedWidthInteger & Sendable>: Sendable {
    let units: [Unit]
    /// `starts[i]..<starts[i + 1]` are the units of key `i`.
    let starts: [UInt32]

    /// `window[c]`: the first key whose first two units, packed as `windowCode`, are at least `c`; so the keys
    /// starting with the ASCII units `a, b` are within `window[a << 7 | b]..<window[a << 7 | b + 1]`, and a
    /// binary search for a prefix starts there instead of among all keys (fewer probes, in fewer cache lines).
    let window: [UInt32]

    /// Per key, its first `headUnits` units packed into one integer (`head`), so that a binary search
    /// compares integers in one array (a cache line holds eight) and reads a key itself only among the keys
    /// that share their head with the query. Non-decreasing over sorted keys.
    let heads: [UInt64]

    /// The keys `units[starts[i]..<starts[i + 1]]` of an unsorted set, taken in the sorted `order` of `i`.
    init<Order: Collection>(units source: [Unit], starts sourceStarts: [UInt32], order: Order) where Order.Element == Int {
        var units: [Unit] = []
        units.reserveCapacity(source.count)
        var starts: [UInt32] = [0]
        starts.reserveCapacity(order.count + 1)
        source.withUnsafeBufferPointer { source in
            for index in order {
                units.append(contentsOf: source[Int(sourceStarts[index])..<Int(sourceStarts[index + 1])])
                starts.append(UInt32(units.count))
            }
        }
        self.units = units
        self.starts = starts
        window = Self.window(units: units, starts: starts)
        heads = (0..<starts.count - 1).map { Self.head(units[Int(starts[$0])..<Int(starts[$0 + 1])], padding: 0) }
    }

    /// Units packed into a head: 8 bytes, or 4 wider units of 16 bits each (saturated at `headUnitMax`).
    private static var headUnits: Int { Unit.bitWidth == 8 ? 8 : 4 }
    private static var headUnitBits: Int { 64 / headUnits }
    private static var headUnitMax: UInt64 { (1 << UInt64(headUnitBits)) - 1 }

    /// The first `headUnits` units of `key` packed, most significant first; the missing ones are `padding`. A
    /// unit of `headUnitMax` or more saturates: it and every unit after it are packed as `headUnitMax`, so that
    /// heads keep the order of the keys (`[0xFFFF, 0x61]` before `[0x10000]`).
    private static func head<Key: Collection>(_ key: Key, padding: UInt64) -> UInt64 where Key.Element == Unit {
        var head: UInt64 = 0
        var count = 0
        for unit in key.prefix(headUnits) {
            guard UInt64(unit) < headUnitMax else { break }
            head = head << UInt64(headUnitBits) | UInt64(unit)
            count += 1
        }
        let rest = count < key.count && count < headUnits ? headUnitMax : padding
        while count < headUnits {
            head = head << UInt64(headUnitBits) | rest
            count += 1
        }
        return head
    }

    private static func window(units: [Unit], starts: [UInt32]) -> [UInt32] {
        let count = starts.count - 1
        var window = [UInt32](repeating: UInt32(count), count: windowCount + 1)
        var next = 0
        for index in 0..<count {
            let code = windowCode(units[Int(starts[index])..<Int(starts[index + 1])])
            while next <= code {
                window[next] = UInt32(index)
                next += 1
            }
        }
        return window
    }

    private static var windowCount: Int { 128 << 7 }

    /// The first two units of `key` packed: ASCII first unit << 7 | ASCII second unit (0 when there is
    /// none, 127 when it is not ASCII); `windowCount` when the first unit is not ASCII. Non-decreasing over
    /// sorted keys.
    private static func windowCode<Key: Collection>(_ key: Key) -> Int where Key.Element == Unit {
        guard let first = key.first, first < 128 else { return windowCount }
        let second = key.dropFirst().first.map { Int(min($0, 127)) } ?? 0
        return Int(first) << 7 | second
    }

    var bytes: Int { units.count * MemoryLayout<Unit>.stride + starts.count * 4 + window.count * 4 + heads.count * 8 }

    var count: Int { starts.count - 1 }

    func length(_ index: Int) -> Int { Int(starts[index + 1] - starts[index]) }

    func key(_ index: Int) -> ArraySlice<Unit> { units[Int(starts[index])..<Int(starts[index + 1])] }

    /// The keys that start with `prefix` (all keys for an empty prefix).
    func prefixRange(_ prefix: [Unit]) -> Range<Int> {
        var searched = 0..<count
        if let first = prefix.first, first > 0, first < 127 {
            let code = Int(first) << 7
            searched = Int(window[code])..<Int(window[code + 128])
            if prefix.count == 1 { return searched }
            let second = prefix[1]
            if second > 0, second < 127 {
                searched = Int(window[code | Int(second)])..<Int(window[code | Int(second) + 1])
            }
        }
        // The keys whose heads lie between the query's head padded with the smallest and the largest unit
        // start with the query's first `headUnits` units; when the query has no more units than that, and none
        // of them is 0 or saturated, they are exactly the keys that start with the query.
        let low = Self.head(prefix, padding: 0)
        let high = Self.head(prefix, padding: Self.headUnitMax)
        heads.withUnsafeBufferPointer { heads in
            let lower = partition(searched) { heads[$0] < low }
            searched = lower..<partition(lower..<searched.upperBound) { heads[$0] <= high }
        }
        guard prefix.count > Self.headUnits || prefix.contains(where: { $0 == 0 || UInt64($0) >= Self.headUnitMax })
        else { return searched }
        return units.withUnsafeBufferPointer { units in
            starts.withUnsafeBufferPointer { starts in
                prefix.withUnsafeBufferPointer { prefix in
                    // lower: first key >= prefix; upper: first key whose first prefix.count units > prefix.
                    let lower = partition(searched) { Self.compare(units, starts, $0, prefix, truncate: false) < 0 }
                    let upper = partition(lower..<searched.upperBound) {
                        Self.compare(units, starts, $0, prefix, truncate: true) <= 0
                    }
                    return lower..<upper
                }
            }
        }
    }

    /// First index in `range` for which `isBelow` is false (`isBelow` must be monotonic), or its upper bound.
    private func partition(_ range: Range<Int>, _ isBelow: (Int) -> Bool) -> Int {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if isBelow(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Compares key `index` (cut to `query.count` units when `truncate`) with `query`.
    private static func compare(_ units: UnsafeBufferPointer<Unit>, _ starts: UnsafeBufferPointer<UInt32>,
                                _ index: Int, _ query: UnsafeBufferPointer<Unit>, truncate: Bool) -> Int {
        let start = Int(starts[index])
        var length = Int(starts[index + 1]) - start
        if truncate { length = min(length, query.count) }
        let common = min(length, query.count)
        var i = 0
        while i < common {
            let a = units[start + i]
            let b = query[i]
            if a != b { return a < b ? -1 : 1 }
            i += 1
        }
        return length == query.count ? 0 : (length < query.count ? -1 : 1)
    }
}

/// Posting lists in one array: `entries[starts[k]..<starts[k + 1]]` is the ascending list of key `k`.
final class PostingLists: Sendable {
    let starts: [UInt32]
    let entries: [UInt32]

    init(starts: [UInt32], entries: [UInt32]) {
        self.starts = starts
        self.entries = entries
    }

    var count: Int { starts.count - 1 }

    func range(_ key: Int) -> Range<Int> { Int(starts[key])..<Int(starts[key + 1]) }

    /// Number of entries of all keys in `keys`.
    func total(_ keys: Range<Int>) -> Int { Int(starts[keys.upperBound]) - Int(starts[keys.lowerBound]) }
}

/// A posting entry: dense document id and the field that holds the term (0 = name, 1... = aliases,
/// `Posting.tickerField` = ticker). Ascending entries are ascending documents, which are in rank order.
enum Posting {
    static let fieldBits: UInt32 = 5
    static let fieldMask: UInt32 = (1 << fieldBits) - 1
    static let tickerField: UInt32 = fieldMask
    /// The field of ISIN and CUSIP matches.
    static let codeField: UInt32 = fieldMask - 1
    /// Aliases past this many are not indexed.
    static let maxAliases = Int(fieldMask) - 2

    static func make(document: UInt32, field: UInt32) -> UInt32 { document << fieldBits | field }
    static func document(_ entry: UInt32) -> UInt32 { entry >> fieldBits }
    static func field(_ entry: UInt32) -> UInt32 { entry & fieldMask }
}
