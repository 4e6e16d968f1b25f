/// Posting lists of character trigrams over the terms of a dictionary (the words of names and aliases,
/// or the tickers): finds the terms that contain a string anywhere, which is how text without spaces
/// (`東京エレクトロン`) is found from its middle.
final class TrigramPostings: Sendable {
    /// Sorted distinct trigrams, three 21-bit scalars packed.
    private let trigrams: [UInt64]
    /// Per trigram, the ascending ids of the terms containing it.
    private let postings: PostingLists
    /// `window[a << 7 | b]`: the first trigram whose first two scalars, if ASCII, packed as `a << 7 | b`, are at
    /// least that code (trigrams starting with a non-ASCII scalar come after `window[16384]`); so a lookup
    /// searches among the few trigrams that share its first two scalars.
    private let window: [UInt32]

    var count: Int { trigrams.count }
    var postingCount: Int { postings.entries.count }
    var bytes: Int { trigrams.count * 8 + postings.starts.count * 4 + postings.entries.count * 4 + window.count * 4 }

    static func trigram(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    init(keys: SortedKeys<UInt32>) {
        let pairs = Self.sortedPairs(keys)
        var trigrams: [UInt64] = []
        var starts: [UInt32] = [0]
        var entries: [UInt32] = []
        entries.reserveCapacity(pairs.count)
        for pair in pairs {
            if trigrams.last != pair.trigram {
                if !trigrams.isEmpty { starts.append(UInt32(entries.count)) }
                trigrams.append(pair.trigram)
            }
            entries.append(pair.term)
        }
        starts.append(UInt32(entries.count))
        if trigrams.isEmpty { starts = [0] }
        self.trigrams = trigrams
        postings = PostingLists(starts: starts, entries: entries)
        var window = [UInt32](repeating: UInt32(trigrams.count), count: Self.windowCount + 1)
        var next = 0
        for (index, trigram) in trigrams.enumerated() {
            let code = Self.windowCode(trigram)
            while next <= code {
                window[next] = UInt32(index)
                next += 1
            }
        }
        self.window = window
    }

    private static let windowCount = 128 << 7

    /// `a << 7 | b` for a trigram of the scalars `a, b, c` when `a` and `b` are ASCII; `windowCount` when `a` is
    /// not, and `a << 7 | 127` when `b` is not (or is 127). Non-decreasing over sorted trigrams.
    private static func windowCode(_ trigram: UInt64) -> Int {
        let a = Int(trigram >> 42)
        let b = Int(trigram >> 21 & 0x1F_FFFF)
        guard a < 128 else { return windowCount }
        return a << 7 | min(b, 127)
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
        postings.entries.withUnsafeBufferPointer { entries in
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

    private func list(_ trigram: UInt64) -> Range<Int>? {
        let code = Self.windowCode(trigram)
        var low = Int(window[code])
        var high = code < Self.windowCount ? Int(window[code + 1]) : trigrams.count
        while low < high {
            let middle = (low + high) / 2
            if trigrams[middle] < trigram { low = middle + 1 } else { high = middle }
        }
        guard low < trigrams.count, trigrams[low] == trigram else { return nil }
        return postings.range(low)
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
