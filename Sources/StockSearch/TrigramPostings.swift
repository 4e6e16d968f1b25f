/// Posting lists of character trigrams over the terms of a dictionary (the words of names and aliases,
/// or the tickers): finds the terms that contain a string anywhere, which is how text without spaces
/// (`東京エレクトロン`) is found from its middle.
final class TrigramPostings: Sendable {
    /// Sorted distinct trigrams, three 21-bit scalars packed.
    private let trigrams: [UInt64]
    /// Per trigram, the ascending ids of the terms containing it.
    private let postings: PostingLists

    var count: Int { trigrams.count }
    var postingCount: Int { postings.entries.count }
    var bytes: Int { trigrams.count * 8 + postings.starts.count * 4 + postings.entries.count * 4 }

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
        // The rarest trigram of the query drives; every candidate term is then checked for the substring.
        var rarest: Range<Int>?
        var i = 0
        while i + 2 < query.count {
            guard let list = list(Self.trigram(query[i], query[i + 1], query[i + 2])) else { return }
            if rarest == nil || list.count < rarest!.count { rarest = list }
            i += 1
        }
        guard let rarest else { return }
        for index in rarest {
            let term = Int(postings.entries[index])
            if keys.key(term).containsSubsequence(query), !body(term) { return }
        }
    }

    private func list(_ trigram: UInt64) -> Range<Int>? {
        var low = 0
        var high = trigrams.count
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
