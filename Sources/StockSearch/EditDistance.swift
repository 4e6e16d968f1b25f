/// Typo tolerance: how far a query word may be from a term, and the search for all such terms.
enum EditDistance {
    /// The largest edit distance allowed for a query word of `length` characters: none below 4,
    /// 1 from 4, 2 from 8.
    static func allowed(forLength length: Int) -> Int {
        length >= 8 ? 2 : (length >= 4 ? 1 : 0)
    }

    /// Optimal string alignment distance (Damerau-Levenshtein where a transposition of neighbours counts
    /// once and no substring is edited twice).
    static func osa(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var older = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, older[j - 2] + 1)
                }
                current[j] = value
            }
            (older, previous, current) = (previous, current, older)
        }
        return previous[b.count]
    }
}

/// A trie over the terms of a `SortedKeys`, walked with an edit-distance automaton (one row of the OSA
/// matrix per trie level) to find every term within a distance of a query without looking at the others.
struct TermTrie: Sendable {
    /// Per node: its character, its first child (children are contiguous), its child count, and the term
    /// ending there (-1 if none). Node 0 is the root.
    private let scalars: [UInt32]
    private let firstChild: [UInt32]
    private let childCount: [UInt32]
    private let terms: [Int32]

    var bytes: Int { scalars.count * 16 }

    init(keys: SortedKeys<UInt32>) {
        var scalars: [UInt32] = [0]
        var firstChild: [UInt32] = [0]
        var childCount: [UInt32] = [0]
        var terms: [Int32] = [-1]
        // Breadth first: (node, depth, key range).
        var queue: [(node: Int, depth: Int, range: Range<Int>)] = [(0, 0, 0..<keys.count)]
        var head = 0
        while head < queue.count {
            let (node, depth, range) = queue[head]
            head += 1
            var index = range.lowerBound
            if index < range.upperBound, keys.length(index) == depth {
                terms[node] = Int32(index)
                index += 1
            }
            firstChild[node] = UInt32(scalars.count)
            while index < range.upperBound {
                let scalar = keys.units[Int(keys.starts[index]) + depth]
                var end = index + 1
                while end < range.upperBound, keys.units[Int(keys.starts[end]) + depth] == scalar { end += 1 }
                let child = scalars.count
                scalars.append(scalar)
                firstChild.append(0)
                childCount.append(0)
                terms.append(-1)
                queue.append((child, depth + 1, index..<end))
                childCount[node] += 1
                index = end
            }
        }
        self.scalars = scalars
        self.firstChild = firstChild
        self.childCount = childCount
        self.terms = terms
    }

    /// Calls `found(term, distance)` for every term within `maxDistance` of `query` (OSA distance). The
    /// first character of a term must be the query's first or second one (a typo in the very first
    /// character is not searched for: it would mean walking most of the trie).
    func terms(near query: [UInt32], maxDistance: Int, _ found: (Int, Int) -> Void) {
        let m = query.count
        guard m > 0, maxDistance > 0 else { return }
        let width = m + 1
        let maxDepth = m + maxDistance
        // rows[d * width + j]: distance between the first d characters of the path and query[..<j].
        var rows = [Int](repeating: 0, count: (maxDepth + 1) * width)
        var path = [UInt32](repeating: 0, count: maxDepth + 1)
        for j in 0...m { rows[j] = j }

        func visit(_ node: Int, depth: Int) {
            let scalar = scalars[node]
            path[depth] = scalar
            let row = depth * width
            let above = row - width
            rows[row] = depth
            var smallest = depth
            for j in 1...m {
                let cost = query[j - 1] == scalar ? 0 : 1
                var value = min(rows[above + j] + 1, rows[row + j - 1] + 1, rows[above + j - 1] + cost)
                if depth > 1, j > 1, scalar == query[j - 2], path[depth - 1] == query[j - 1] {
                    value = min(value, rows[above - width + j - 2] + 1)
                }
                rows[row + j] = value
                smallest = min(smallest, value)
            }
            if terms[node] >= 0, rows[row + m] <= maxDistance {
                found(Int(terms[node]), rows[row + m])
            }
            guard smallest <= maxDistance, depth < maxDepth else { return }
            let first = Int(firstChild[node])
            for child in first..<(first + Int(childCount[node])) {
                visit(child, depth: depth + 1)
            }
        }

        let first = Int(firstChild[0])
        for child in first..<(first + Int(childCount[0])) {
            let scalar = scalars[child]
            if scalar == query[0] || (m > 1 && scalar == query[1]) {
                visit(child, depth: 1)
            }
        }
    }
}
