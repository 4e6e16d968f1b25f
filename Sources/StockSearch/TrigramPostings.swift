/// Posting lists of character trigrams over the terms of a dictionary (the words of names and aliases,
/// or the tickers): finds the terms that contain a string anywhere, which is how text without spaces
/// (`東京エレクトロン`) is found from its middle.
final class TrigramPostings: Sendable {
    /// One trigram and where its terms are in `entries`.
    private struct Slot {
        /// The trigram, or 0 for an empty slot (no trigram is 0: no term holds three 0 scalars).
        var trigram: UInt64
        var start: UInt32
        var end: UInt32
    }

    /// An open-addressing hash table of the trigrams (linear probing, at most half full): a lookup reads one
    /// slot, which says where the trigram's terms are, in one cache line.
    private let slots: [Slot]
    /// Per trigram, the ascending ids of the terms containing it, back to back.
    private let entries: [UInt32]
    /// Number of distinct trigrams.
    let count: Int

    var postingCount: Int { entries.count }
    var bytes: Int { slots.count * MemoryLayout<Slot>.stride + entries.count * 4 }

    static func trigram(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    init(keys: SortedKeys<UInt32>) {
        let pairs = Self.sortedPairs(keys)
        var distinct: [(trigram: UInt64, start: UInt32)] = []
        var entries: [UInt32] = []
        entries.reserveCapacity(pairs.count)
        for pair in pairs {
            if distinct.last?.trigram != pair.trigram { distinct.append((pair.trigram, UInt32(entries.count))) }
            entries.append(pair.term)
        }
        let capacity = max(2, 1 << (Int.bitWidth - (2 * distinct.count).leadingZeroBitCount))
        var slots = [Slot](repeating: Slot(trigram: 0, start: 0, end: 0), count: capacity)
        for (index, item) in distinct.enumerated() {
            let end = index + 1 < distinct.count ? distinct[index + 1].start : UInt32(entries.count)
            var slot = Self.home(item.trigram, capacity: capacity)
            while slots[slot].trigram != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Slot(trigram: item.trigram, start: item.start, end: end)
        }
        self.slots = slots
        self.entries = entries
        count = distinct.count
    }

    /// The first slot to probe for `trigram` (Fibonacci hashing) in a table of `capacity` slots, a power of two.
    private static func home(_ trigram: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: (trigram &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - capacity.trailingZeroBitCount))
            & (capacity - 1)
    }

    /// Every (trigram, term) pair of the keys, each once, ascending by trigram, then term.
    private static func sortedPairs(_ keys: SortedKeys<UInt32>) -> [(trigram: UInt64, term: UInt32)] {
        // When a trigram's three scalars and a term id fit 64 bits together (tickers, and words without CJK), the
        // pairs sort as plain integers, several times faster than as tuples.
        let scalarBits = UInt64.bitWidth - UInt64(keys.units.max() ?? 0).leadingZeroBitCount
        let termBits = UInt64.bitWidth - UInt64(keys.count).leadingZeroBitCount
        let packs = 3 * scalarBits + termBits <= 64
        var packed: [UInt64] = []
        var pairs: [(trigram: UInt64, term: UInt32)] = []
        if packs { packed.reserveCapacity(keys.units.count) } else { pairs.reserveCapacity(keys.units.count) }
        var seen: [UInt64] = []
        for term in 0..<keys.count where keys.length(term) >= 3 {
            let key = keys.key(term)
            seen.removeAll(keepingCapacity: true)
            var i = key.startIndex
            while i + 2 < key.endIndex {
                let value = Self.trigram(key[i], key[i + 1], key[i + 2])
                if !seen.contains(value) {
                    seen.append(value)
                    if packs {
                        let small = (UInt64(key[i]) << (2 * scalarBits) | UInt64(key[i + 1]) << scalarBits
                            | UInt64(key[i + 2]))
                        packed.append(small << termBits | UInt64(term))
                    } else {
                        pairs.append((value, UInt32(term)))
                    }
                }
                i += 1
            }
        }
        guard packs else {
            pairs.sort { $0.trigram != $1.trigram ? $0.trigram < $1.trigram : $0.term < $1.term }
            return pairs
        }
        packed.sort()
        let scalarMask = (UInt64(1) << scalarBits) - 1
        return packed.map { value in
            let small = value >> termBits
            return (Self.trigram(UInt32(small >> (2 * scalarBits)), UInt32(small >> scalarBits & scalarMask),
                                 UInt32(small & scalarMask)),
                    UInt32(value & ((UInt64(1) << termBits) - 1)))
        }
    }

    /// Calls `body` with each term that contains `query` (at least 3 scalars), in ascending term order,
    /// until `body` returns false.
    func terms(containing query: [UInt32], keys: SortedKeys<UInt32>, _ body: (Int) -> Bool) {
        guard query.count >= 3 else { return }
        // The rarest trigram of the query drives; its terms that lack another of the query's trigrams are
        // skipped by reading those trigrams' lists along (ascending, like the driver's), and only the terms
        // that hold all of them are checked for the substring (the trigrams of `abab` are in `abaxbab` too).
        var lists: [Range<Int>] = []
        lists.reserveCapacity(query.count - 2)
        var i = 0
        while i + 2 < query.count {
            guard let list = list(Self.trigram(query[i], query[i + 1], query[i + 2])) else { return }
            if !lists.contains(list) { lists.append(list) }
            i += 1
        }
        lists.sort { $0.count < $1.count }
        let needsCheck = query.count > 3
        entries.withUnsafeBufferPointer { entries in
            var cursors = lists.map(\.lowerBound)
            candidates: for index in lists[0] {
                let term = entries[index]
                for other in lists.indices.dropFirst() {
                    var cursor = cursors[other]
                    let end = lists[other].upperBound
                    while cursor < end, entries[cursor] < term { cursor += 1 }
                    cursors[other] = cursor
                    if cursor == end { return }
                    if entries[cursor] != term { continue candidates }
                }
                if needsCheck, !keys.key(Int(term)).containsSubsequence(query) { continue }
                if !body(Int(term)) { return }
            }
        }
    }

    /// Where the terms holding `trigram` are in `entries`, or nil when no term holds it.
    private func list(_ trigram: UInt64) -> Range<Int>? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.home(trigram, capacity: slots.count)
            while slots[slot].trigram != 0 {
                if slots[slot].trigram == trigram { return Int(slots[slot].start)..<Int(slots[slot].end) }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }
}

extension ArraySlice where Element == UInt32 {
    /// Whether `needle` occurs in this slice as a contiguous run.
    func containsSubsequence(_ needle: [UInt32]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        var start = startIndex
        let last = endIndex - needle.count
        while start <= last {
            if self[start] == needle[0] {
                var i = 1
                while i < needle.count, self[start + i] == needle[i] { i += 1 }
                if i == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
