import Testing
@testable import StockSearch

@Suite struct DictionaryAndTypoTests {
    /// The dictionary's prefix ranges must agree with a plain scan, whatever the script (the build sorts
    /// terms by a packed key first).
    @Test func prefixRangesMatchAScan() {
        let words = ["apple", "applied", "app", "лукойл", "лукойлнефть", "マルハニチロ", "マルハ", "トヨタ自動車", "トヨタ",
                     "zeta", "ωmega", "a", "ab", "abc", "汽车", "à"]
        var builder = PrefixDictionaryBuilder<UInt32>()
        for (document, word) in words.enumerated() {
            builder.add(builder.intern(Array(word.unicodeScalars.map(\.value))), entry: UInt32(document) << 5)
        }
        let dictionary = builder.build(shorterKeysFirst: false).dictionary
        let sorted = (0..<dictionary.keys.count).map { Array(dictionary.keys.key($0)) }
        #expect(sorted == sorted.sorted { $0.lexicographicallyPrecedes($1) })
        for prefix in ["a", "app", "л", "лукойл", "マルハ", "トヨタ", "z", "q", ""] {
            let scalars = prefix.unicodeScalars.map(\.value)
            let expected = sorted.indices.filter { sorted[$0].starts(with: scalars) }
            let range = dictionary.keys.prefixRange(scalars)
            #expect(Array(range) == expected, "prefix \(prefix)")
        }
    }

    /// Prefix lookups that start in the window of their first two ASCII characters agree with a scan, for
    /// one-character keys, non-ASCII second characters and windows that are empty.
    @Test func windowedPrefixRangesMatchAScan() {
        var keys = Set<[UInt32]>()
        let letters = Array("abcz09".unicodeScalars.map(\.value)) + [0xE9, 0x3042, 0x7E]
        for a in letters {
            keys.insert([a])
            for b in letters {
                keys.insert([a, b])
                for c in letters.prefix(4) { keys.insert([a, b, c]) }
            }
        }
        let sorted = keys.sorted { $0.lexicographicallyPrecedes($1) }
        var starts: [UInt32] = [0]
        for key in sorted { starts.append(starts.last! + UInt32(key.count)) }
        let sortedKeys = SortedKeys<UInt32>(units: sorted.flatMap { $0 }, starts: starts, order: sorted.indices)
        var prefixes: [[UInt32]] = [[]]
        for a in letters + [0x62 + 1, 0x7F] {
            prefixes.append([a])
            for b in letters + [0x79] {
                prefixes.append([a, b])
                prefixes.append([a, b, 0x61])
            }
        }
        for prefix in prefixes {
            let expected = sorted.indices.filter { sorted[$0].starts(with: prefix) }
            let range = sortedKeys.prefixRange(prefix)
            #expect(Array(range) == expected, "prefix \(prefix)")
            #expect(range.isEmpty || expected.first == range.lowerBound, "prefix \(prefix)")
        }
    }

    /// Prefix ranges found by the keys' packed heads agree with a scan, for keys and prefixes shorter and
    /// longer than a head, units of 0 and 1 (the initialisms' marks) and units that a head saturates.
    @Test func prefixRangesByHeadsMatchAScan() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        func check<Unit: FixedWidthInteger & Sendable>(_ alphabet: [Unit]) {
            var keys = Set<[Unit]>()
            for _ in 0..<600 { keys.insert((0..<(1 + next(10))).map { _ in alphabet[next(alphabet.count)] }) }
            let sorted = keys.sorted { $0.lexicographicallyPrecedes($1) }
            var starts: [UInt32] = [0]
            for key in sorted { starts.append(starts.last! + UInt32(key.count)) }
            let sortedKeys = SortedKeys<Unit>(units: sorted.flatMap { $0 }, starts: starts, order: sorted.indices)
            for _ in 0..<600 {
                let prefix = next(2) == 0 ? Array(sorted[next(sorted.count)].prefix(1 + next(10)))
                    : (0..<next(10)).map { _ in alphabet[next(alphabet.count)] }
                let expected = sorted.indices.filter { sorted[$0].starts(with: prefix) }
                let range = sortedKeys.prefixRange(prefix)
                #expect(Array(range) == expected, "prefix \(prefix)")
            }
        }
        check([0, 1, 0x61, 0x62, 0x63, 0xFFFE, 0xFFFF, 0x1_0000, 0x1_0001] as [UInt32])
        check([0, 1, 0x61, 0x62, 0xFE, 0xFF] as [UInt8])
    }

    /// The terms that contain a query (through the trigram window and the intersection of trigram lists) are
    /// those a scan finds.
    @Test func termsContainingAQueryMatchAScan() {
        let words = ["abab", "abaxbab", "xababx", "bab", "aba", "トヨタ自動車", "自動車", "日本自動車", "dbab", "ab",
                     "zzz", "zzzz", "caterpillar", "pillar", "pill"]
        var builder = PrefixDictionaryBuilder<UInt32>()
        for (document, word) in words.enumerated() {
            builder.add(builder.intern(word.unicodeScalars.map(\.value)), entry: UInt32(document) << 5)
        }
        let keys = builder.build(shorterKeysFirst: false).dictionary.keys
        let trigrams = TrigramPostings(keys: keys)
        for query in ["abab", "bab", "aba", "自動車", "動車", "zzz", "zzzz", "zzzzz", "pill", "illar", "qqq", "ab"] {
            let scalars = query.unicodeScalars.map(\.value)
            let expected = scalars.count < 3 ? [] : (0..<keys.count).filter { keys.key($0).containsSubsequence(scalars) }
            var found: [Int] = []
            trigrams.terms(containing: scalars, keys: keys) { found.append($0); return true }
            #expect(found == expected, "query \(query)")
        }
    }

    /// The offset of a description after ` - ` counts `Character`s, in ASCII and other text alike.
    @Test func descriptionSeparatorsAreCharacterOffsets() {
        #expect(FoldedRecord.Field("Apple Inc. - Common Stock").separatorOffset == 12)
        #expect(FoldedRecord.Field("Société Générale - Actions").separatorOffset == 18)
        #expect(FoldedRecord.Field("トヨタ - 株式").separatorOffset == 5)
        #expect(FoldedRecord.Field("Coca-Cola Company").separatorOffset == nil)
        #expect(FoldedRecord.Field(" - ").separatorOffset == 2)
    }

    @Test func germanUmlautsAreFoundInTheirBytes() {
        #expect(TextNormalizer.hasGermanUmlaut("Südzucker"[...]))
        #expect(TextNormalizer.hasGermanUmlaut("MÜNCHENER"[...]))
        #expect(TextNormalizer.hasGermanUmlaut("Su\u{308}dzucker"[...]))
        #expect(!TextNormalizer.hasGermanUmlaut("Société Générale"[...]))
        #expect(!TextNormalizer.hasGermanUmlaut("トヨタ自動車"[...]))
    }

    @Test func editDistanceCountsATranspositionOnce() {
        func distance(_ a: String, _ b: String) -> Int {
            osaDistance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
        }
        #expect(distance("tesla", "tesal") == 1)
        #expect(distance("nvidia", "nvidai") == 1)
        #expect(distance("apple", "appple") == 1)
        #expect(distance("pfizer", "pfozer") == 1)
        #expect(distance("ca", "abc") == 3)
        #expect(EditDistance.allowed(forLength: 3) == 0)
        #expect(EditDistance.allowed(forLength: 4) == 1)
        #expect(EditDistance.allowed(forLength: 6) == 1)
        #expect(EditDistance.allowed(forLength: 7) == 2, "issue 18: two edits from 7 characters (was 8)")
        #expect(EditDistance.allowed(forLength: 8) == 2)
    }

    /// The trie automaton finds exactly the terms a brute-force OSA scan finds (first letter kept).
    @Test func trieFindsWhatABruteForceScanFinds() {
        let words = ["microsoft", "micro", "microsystems", "mikrosoft", "imcrosoft", "microsft", "tesla", "telsa",
                     "tesal", "testa", "tes", "nvidia", "nvida", "nivdia", "caterpillar", "caterpilar", "catterpillar"]
        var builder = PrefixDictionaryBuilder<UInt32>()
        for word in words { _ = builder.intern(word.unicodeScalars.map(\.value)) }
        let keys = builder.build(shorterKeysFirst: false).dictionary.keys
        let trie = TermTrie(keys: keys)
        for query in ["microsoft", "tesla", "nvidia", "caterpillar", "microsfot"] {
            let q = query.unicodeScalars.map(\.value)
            for maxDistance in 1...2 {
                var found: [Int: Int] = [:]
                trie.terms(near: q, maxDistance: maxDistance) { found[$0] = $1 }
                for term in 0..<keys.count {
                    let key = Array(keys.key(term))
                    let distance = osaDistance(key, q)
                    let reachable = key.first == q.first || key.first == q[1]
                    let prefixOK = maxDistance < 2 || Array(key.prefix(2)) == Array(q.prefix(2))
                        || Array(key.prefix(2)) == [q[1], q[0]]
                    if distance <= maxDistance, reachable, prefixOK {
                        #expect(found[term] == distance, "\(query) ~ \(key.map { Character(Unicode.Scalar($0)!) })")
                    } else {
                        #expect(found[term] == nil, "\(query) !~ \(key.map { Character(Unicode.Scalar($0)!) })")
                    }
                }
            }
        }
    }

    /// `best` gives the `need` best distinct documents of a prefix range, each by its best term (shorter terms
    /// first when asked), as sorting every entry of the range would.
    @Test(arguments: [false, true])
    func bestDocumentsOfAPrefixAreTheBruteForceOnes(shorterKeysFirst: Bool) {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var builder = PrefixDictionaryBuilder<UInt32>()
        for document in 0..<300 {  // entries are added in ascending order, as the index does
            for field in 0..<(1 + next(3)) {
                let term = (0..<(1 + next(4))).map { _ in UInt32(0x61 + next(3)) }
                builder.add(builder.intern(term), entry: Posting.make(document: UInt32(document), field: UInt32(field)))
            }
        }
        let dictionary = builder.build(shorterKeysFirst: shorterKeysFirst).dictionary
        let keys = dictionary.keys
        for prefix in [[0x61], [0x62, 0x61], [0x63, 0x63, 0x61], [0x61, 0x62, 0x63, 0x61]] as [[UInt32]] {
            let range = keys.prefixRange(prefix)
            for need in [1, 5, 10, 200] {
                var bestValue: [UInt32: UInt64] = [:]
                for term in range {
                    for index in dictionary.postings.range(term) {
                        let entry = dictionary.postings.entries[index]
                        let value = (shorterKeysFirst ? UInt64(keys.length(term)) << 32 : 0) | UInt64(entry)
                        bestValue[Posting.document(entry)] = min(bestValue[Posting.document(entry)] ?? .max, value)
                    }
                }
                let expected = bestValue.values.sorted().prefix(need).map { UInt32(truncatingIfNeeded: $0) }
                var found: [UInt32] = []
                // Short prefixes take the precomputed top lists, which must agree too.
                dictionary.best(in: range, prefixLength: prefix.count, need: need) { found.append($0) }
                #expect(found == Array(expected), "\(prefix) need \(need)")
            }
        }
    }

    /// Distance 1 takes its own walk (the query's path with one edit); on a dense vocabulary over five
    /// letters, where most strings have neighbours, it finds exactly what a brute-force OSA scan finds, and
    /// so do the first-character edits for the terms that walk leaves out.
    @Test func oneEditWalkFindsWhatABruteForceScanFinds() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {  // a linear congruential generator: the same words on every run
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        func randomWord(_ lengths: ClosedRange<Int>) -> [UInt32] {
            (0..<lengths.lowerBound + next(lengths.count)).map { _ in UInt32(0x61 + next(5)) }
        }
        var builder = PrefixDictionaryBuilder<UInt32>()
        for _ in 0..<600 { _ = builder.intern(randomWord(2...7)) }
        let keys = builder.build(shorterKeysFirst: false).dictionary.keys
        let trie = TermTrie(keys: keys)
        let queries = (0..<120).map { _ in randomWord(1...7) } + (0..<40).map { Array(keys.key($0 * 7)) }
        for q in queries {
            var found: [Int: Int] = [:]
            trie.terms(near: q, maxDistance: 1) { term, distance in
                #expect(found[term] == nil, "reported twice")
                found[term] = distance
            }
            // The first-character edits find the other terms one edit away that start with a key next to the
            // query's first (over `a`-`e`: `c`-`d`-`e`), each once.
            var firstCharacterEdits: Set<Int> = []
            trie.termsWithFirstCharacterEdit(of: q) { term in
                #expect(firstCharacterEdits.insert(term).inserted, "reported twice")
            }
            for term in 0..<keys.count {
                let key = Array(keys.key(term))
                let distance = osaDistance(key, q)
                let reachable = key.first == q.first || (q.count > 1 && key.first == q[1])
                #expect(found[term] == (distance <= 1 && reachable ? distance : nil),
                        "\(q.map { Character(Unicode.Scalar($0)!) }) ~ \(key.map { Character(Unicode.Scalar($0)!) })")
                let neighbour = key.first.map { Keyboard.neighbours(of: q[0]).contains($0) } ?? false
                #expect(firstCharacterEdits.contains(term) == (q.count > 1 && distance == 1 && !reachable && neighbour),
                        "first character: \(q.map { Character(Unicode.Scalar($0)!) }) ~ \(key.map { Character(Unicode.Scalar($0)!) })")
            }
        }
    }
}

/// Optimal string alignment distance (Damerau-Levenshtein where a transposition of neighbours counts once
/// and no substring is edited twice), the textbook way: the reference the trie automaton is checked against.
func osaDistance(_ a: [UInt32], _ b: [UInt32]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
