/// A sorted dictionary of terms (words, tickers or name forms) with a posting list per term, answering
/// "the best documents having a term that starts with P" without walking every term for short prefixes:
/// for prefixes of up to `topListMaxLength` units that cover many terms, the best `topListSize` documents
/// are computed at build time.
final class PrefixDictionary<Unit: FixedWidthInteger & Sendable>: Sendable {
    static var topListMaxLength: Int { 3 }
    static var topListSize: Int { 64 }
    /// Prefix ranges with at most this many terms are merged at query time.
    static var topListThreshold: Int { 24 }

    let keys: SortedKeys<Unit>
    let postings: PostingLists
    /// Whether shorter terms rank first (tickers: `AAP` before `AAPL`), then documents in rank order.
    let shorterKeysFirst: Bool
    /// Top list of the prefix whose range starts at term `lower` with length `length`: key
    /// `lower << 8 | length`, value: range in `topEntries`.
    let topLists: [UInt64: Range<Int>]
    let topEntries: [UInt32]

    init(keys: SortedKeys<Unit>, postings: PostingLists, shorterKeysFirst: Bool, topLists: [UInt64: Range<Int>],
         topEntries: [UInt32]) {
        self.keys = keys
        self.postings = postings
        self.shorterKeysFirst = shorterKeysFirst
        self.topLists = topLists
        self.topEntries = topEntries
    }

    var bytes: Int {
        keys.bytes + postings.starts.count * 4
            + postings.entries.count * 4 + topEntries.count * 4 + topLists.count * 32
    }

    /// Calls `body` with the entries of the best `need` distinct documents having a term in `range` (the
    /// terms starting with a prefix of `prefixLength` units), best first. Allocates nothing.
    func best(in range: Range<Int>, prefixLength: Int, need: Int, _ body: (UInt32) -> Void) {
        guard !range.isEmpty, need > 0 else { return }
        if range.count > Self.topListThreshold, prefixLength <= Self.topListMaxLength, need <= Self.topListSize,
           let list = topLists[UInt64(range.lowerBound) << 8 | UInt64(prefixLength)] {
            for entry in topEntries[list.lowerBound..<min(list.upperBound, list.lowerBound + need)] { body(entry) }
            return
        }
        // The best `need` distinct documents, each by its best value (term length for `shorterKeysFirst`, then
        // entry), ascending: a bounded insertion instead of gathering and sorting every entry of the range.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: need + 1) { top in
            var count = 0
            for term in range {
                let order = shorterKeysFirst ? UInt64(keys.length(term)) << 32 : 0
                if count == need, order >= top[need - 1] { continue }  // a longer term than all of the top
                for index in postings.range(term) {
                    let value = order | UInt64(postings.entries[index])
                    // A term's entries ascend: the rest of this one cannot do better.
                    if count == need, value >= top[need - 1] { break }
                    let document = Posting.document(UInt32(truncatingIfNeeded: value))
                    if let existing = (0..<count).first(where: {
                        Posting.document(UInt32(truncatingIfNeeded: top[$0])) == document
                    }) {
                        if top[existing] <= value { continue }
                        for i in existing..<count - 1 { top[i] = top[i + 1] }
                        count -= 1
                    }
                    var position = count
                    while position > 0, top[position - 1] > value {
                        top[position] = top[position - 1]
                        position -= 1
                    }
                    top[position] = value
                    count = min(count + 1, need)
                }
            }
            for value in top[..<count] { body(UInt32(truncatingIfNeeded: value)) }
        }
    }
}

/// Collects terms and their entries, then sorts them into a `PrefixDictionary`.
struct PrefixDictionaryBuilder<Unit: FixedWidthInteger & Sendable> {
    /// The terms back to back: term `id` is `units[starts[id]..<starts[id + 1]]`.
    private var units: [Unit] = []
    private var starts: [UInt32] = [0]
    /// Open-addressing table of terms by FNV-1a hash: the hash's upper 32 bits above the term id + 1 (0: free),
    /// so that looking up a term that is already there allocates nothing and compares the terms only when
    /// their hashes agree.
    private var table: [UInt64]
    private var pairs: [(term: Int32, entry: UInt32)] = []

    /// A builder whose hash table holds `expectedTerms` without growing. Its arrays are reserved for about
    /// that many terms and `expectedPostings` entries: growing large arrays copies them into fresh pages.
    init(expectedTerms: Int = 512, expectedPostings: Int = 0) {
        var size = 1024
        while size < expectedTerms * 2 { size *= 2 }
        table = [UInt64](repeating: 0, count: size)
        units.reserveCapacity(expectedTerms * 8)
        starts.reserveCapacity(expectedTerms + 1)
        pairs.reserveCapacity(expectedPostings)
    }

    /// Makes room for `count` more entries.
    mutating func reservePostings(_ count: Int) {
        pairs.reserveCapacity(pairs.count + count)
    }

    /// The builder-local id of `term`, added if new.
    mutating func intern<Term: Collection>(_ term: Term) -> Int32 where Term.Element == Unit {
        let hash = Self.hash(term)
        let tag = (hash >> 32) << 32
        var slot = Int(truncatingIfNeeded: hash) & (table.count - 1)
        while table[slot] != 0 {
            let id = Int(table[slot] & 0xFFFF_FFFF) - 1
            if table[slot] & ~0xFFFF_FFFF == tag, self.term(id).elementsEqual(term) { return Int32(id) }
            slot = (slot + 1) & (table.count - 1)
        }
        let id = Int32(count)
        table[slot] = tag | UInt64(id + 1)
        units.append(contentsOf: term)
        starts.append(UInt32(units.count))
        if count * 2 > table.count { grow() }
        return id
    }

    /// Number of terms.
    var count: Int { starts.count - 1 }

    /// The units of term `id`.
    func term(_ id: Int) -> ArraySlice<Unit> { units[Int(starts[id])..<Int(starts[id + 1])] }

    private mutating func grow() {
        let old = table
        table = [UInt64](repeating: 0, count: table.count * 2)
        for entry in old where entry != 0 {
            let id = Int(entry & 0xFFFF_FFFF) - 1
            var slot = Int(truncatingIfNeeded: Self.hash(term(id))) & (table.count - 1)
            while table[slot] != 0 { slot = (slot + 1) & (table.count - 1) }
            table[slot] = entry
        }
    }

    private static func hash<Term: Collection>(_ term: Term) -> UInt64 where Term.Element == Unit {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for unit in term { hash = (hash ^ UInt64(unit)) &* 0x100_0000_01B3 }
        return hash
    }

    /// Adds `entry` to the list of term `id`; entries must be added in ascending order.
    mutating func add(_ id: Int32, entry: UInt32) {
        pairs.append((id, entry))
    }

    /// Sorts the terms; `finalIDs[localID]` is the term's index in the dictionary.
    func build(shorterKeysFirst: Bool) -> (dictionary: PrefixDictionary<Unit>, finalIDs: [Int32]) {
        // Sort by up to eight leading units packed in an integer (up to and including the first unit that
        // does not fit a byte, stored as 255: that keeps the order) and compare whole terms only on ties.
        var sortable = (0..<count).map { id -> (packed: UInt64, id: Int32) in
            let term = self.term(id)
            var key: UInt64 = 0
            var open = true
            for i in 0..<8 {
                var unit: UInt64 = 0
                if open, i < term.count {
                    unit = UInt64(min(term[term.startIndex + i], 255))
                    open = unit < 255
                }
                key = key << 8 | unit
            }
            return (key, Int32(id))
        }
        sortable.sort { a, b in
            a.packed != b.packed ? a.packed < b.packed : Self.precedes(term(Int(a.id)), term(Int(b.id)))
        }
        var finalIDs = [Int32](repeating: 0, count: count)
        for (rank, item) in sortable.enumerated() { finalIDs[Int(item.id)] = Int32(rank) }
        let keys = SortedKeys(units: units, starts: starts, order: sortable.lazy.map { Int($0.id) })

        // Counting sort of the pairs by final term id; stable, so entries stay ascending.
        var counts = [UInt32](repeating: 0, count: count + 1)
        for pair in pairs { counts[Int(finalIDs[Int(pair.term)]) + 1] += 1 }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var fill = counts
        var entries = [UInt32](repeating: 0, count: pairs.count)
        for pair in pairs {
            let term = Int(finalIDs[Int(pair.term)])
            entries[Int(fill[term])] = pair.entry
            fill[term] += 1
        }
        // Drop repeated entries within a list.
        var starts: [UInt32] = [0]
        starts.reserveCapacity(count + 1)
        var kept = 0
        for term in 0..<count {
            var previous: UInt32?
            for index in Int(counts[term])..<Int(counts[term + 1]) where entries[index] != previous {
                previous = entries[index]
                entries[kept] = entries[index]
                kept += 1
            }
            starts.append(UInt32(kept))
        }
        entries.removeLast(entries.count - kept)
        let postings = PostingLists(starts: starts, entries: entries)
        // Entries in rank order with their term: the pairs are already in entry order, unless shorter terms
        // rank first.
        var stream = pairs.map { (order: UInt64($0.entry), term: finalIDs[Int($0.term)]) }
        if shorterKeysFirst {
            for i in stream.indices {
                let id = Int(pairs[i].term)
                stream[i].order |= UInt64(self.starts[id + 1] - self.starts[id]) << 32
            }
            stream.sort { $0.order < $1.order }
        }
        let (topLists, topEntries) = Self.topLists(keys: keys, stream: stream)
        return (PrefixDictionary(keys: keys, postings: postings, shorterKeysFirst: shorterKeysFirst,
                                 topLists: topLists, topEntries: topEntries), finalIDs)
    }

    /// Lexicographic order of two terms.
    private static func precedes(_ a: ArraySlice<Unit>, _ b: ArraySlice<Unit>) -> Bool {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let common = min(a.count, b.count)
                var i = 0
                while i < common {
                    if a[i] != b[i] { return a[i] < b[i] }
                    i += 1
                }
                return a.count < b.count
            }
        }
    }

    /// The best documents of every short prefix that covers many terms, found by streaming all entries
    /// once in rank order into the lists of the (at most `topListMaxLength`) prefixes of their term.
    private static func topLists(keys: SortedKeys<Unit>, stream: [(order: UInt64, term: Int32)])
        -> ([UInt64: Range<Int>], [UInt32]) {
        typealias Dictionary = PrefixDictionary<Unit>
        let maxLength = Dictionary.topListMaxLength
        // groupOf[length - 1][term]: index of the prefix group of that length, or -1.
        var groupOf = [[Int32]](repeating: [Int32](repeating: -1, count: keys.count), count: maxLength)
        var groupKeys: [UInt64] = []
        for length in 1...maxLength {
            var term = 0
            while term < keys.count {
                guard keys.length(term) >= length else { term += 1; continue }
                let prefix = keys.key(term).prefix(length)
                var end = term + 1
                while end < keys.count, keys.length(end) >= length, keys.key(end).prefix(length) == prefix { end += 1 }
                if end - term > Dictionary.topListThreshold {
                    let group = Int32(groupKeys.count)
                    groupKeys.append(UInt64(term) << 8 | UInt64(length))
                    for t in term..<end { groupOf[length - 1][t] = group }
                }
                term = end
            }
        }
        guard !groupKeys.isEmpty else { return ([:], []) }
        var lists = [[UInt32]](repeating: [], count: groupKeys.count)
        for item in stream where groupOf[0][Int(item.term)] >= 0 {
            let entry = UInt32(truncatingIfNeeded: item.order)
            for length in 0..<maxLength {
                let group = Int(groupOf[length][Int(item.term)])
                guard group >= 0, lists[group].count < Dictionary.topListSize else { continue }
                let document = Posting.document(entry)
                if lists[group].contains(where: { Posting.document($0) == document }) { continue }
                lists[group].append(entry)
            }
        }
        var table: [UInt64: Range<Int>] = [:]
        var entries: [UInt32] = []
        for (group, key) in groupKeys.enumerated() {
            table[key] = entries.count..<(entries.count + lists[group].count)
            entries.append(contentsOf: lists[group])
        }
        return (table, entries)
    }
}
