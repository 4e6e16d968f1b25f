/// A trie over the terms of a `SortedKeys`, to find every term within a distance of a query without looking
/// at the others: distance 1 follows the query's own path with one edit, distance 2 walks the trie with an
/// edit-distance automaton (one row of the OSA matrix per trie level).
final class TermTrie: Sendable {
    /// One trie node, 16 bytes, so that visiting it touches one cache line.
    struct Node {
        /// The character leading to this node (21 bits) and, above it, the length of the longest path
        /// below the node (capped at `maxHeight`).
        var scalarAndHeight: UInt32
        /// The first child; children are contiguous and sorted by character, and (breadth first) the
        /// children of the next node follow them, so they end at the next node's `firstChild`.
        var firstChild: UInt32
        /// The term ending here, or -1.
        var term: Int32
        /// Bit `scalar & 31` of each child's character: most children that a walk looks for are absent,
        /// and this tells so without reading the children.
        var childMask: UInt32

        static let maxHeight: UInt32 = (1 << 11) - 1

        var scalar: UInt32 { scalarAndHeight & 0x1F_FFFF }
        var height: Int { Int(scalarAndHeight >> 21) }

        func mayHaveChild(_ scalar: UInt32) -> Bool { childMask & (1 << (scalar & 31)) != 0 }
    }

    /// Node 0 is the root; the last node is a sentinel that only ends the children of the one before it.
    private let nodes: [Node]

    var bytes: Int { nodes.count * MemoryLayout<Node>.stride }

    init(keys: SortedKeys<UInt32>) {
        var nodes = [Node(scalarAndHeight: 0, firstChild: 0, term: -1, childMask: 0)]
        var parents: [UInt32] = [0]
        // At most one node per unit of the keys, plus the root and the sentinel.
        nodes.reserveCapacity(keys.units.count + 2)
        parents.reserveCapacity(keys.units.count + 1)
        // Breadth first: (node, depth, key range).
        var queue: [(node: Int, depth: Int, range: Range<Int>)] = [(0, 0, 0..<keys.count)]
        var head = 0
        while head < queue.count {
            let (node, depth, range) = queue[head]
            head += 1
            var index = range.lowerBound
            if index < range.upperBound, keys.length(index) == depth {
                nodes[node].term = Int32(index)
                index += 1
            }
            nodes[node].firstChild = UInt32(nodes.count)
            while index < range.upperBound {
                let scalar = keys.units[Int(keys.starts[index]) + depth]
                var end = index + 1
                while end < range.upperBound, keys.units[Int(keys.starts[end]) + depth] == scalar { end += 1 }
                queue.append((nodes.count, depth + 1, index..<end))
                nodes.append(Node(scalarAndHeight: scalar, firstChild: 0, term: -1, childMask: 0))
                parents.append(UInt32(node))
                nodes[node].childMask |= 1 << (scalar & 31)
                index = end
            }
        }
        // Heights, children before parents (breadth-first order reversed).
        for node in stride(from: nodes.count - 1, to: 0, by: -1) {
            let parent = Int(parents[node])
            let height = min(UInt32(nodes[node].height) + 1, Node.maxHeight)
            if height > UInt32(nodes[parent].height) {
                nodes[parent].scalarAndHeight = nodes[parent].scalar | height << 21
            }
        }
        nodes.append(Node(scalarAndHeight: 0, firstChild: UInt32(nodes.count), term: -1, childMask: 0))
        self.nodes = nodes
    }

    /// Calls `found(term, distance)` for every term within `maxDistance` of `query` (OSA distance). The
    /// first character of a term must be the query's first or second one, and at distance 2 its first two
    /// characters must be the query's (or those two swapped), unless `anySecondCharacter`, where a term
    /// starting with the query's first character may go on with any (about twice the walk): typos at the very
    /// start are not searched for, as that would mean walking most of the trie.
    func terms(near query: [UInt32], maxDistance: Int, anySecondCharacter: Bool = false,
               _ found: (Int, Int) -> Void) {
        let m = query.count
        guard m > 0, maxDistance > 0 else { return }
        if maxDistance == 1 {
            termsWithinOneEdit(of: query, found)
            return
        }
        let width = m + 1
        let maxDepth = m + maxDistance
        let unreachable = Int32(maxDistance + 1)
        nodes.withUnsafeBufferPointer { nodes in
        query.withUnsafeBufferPointer { query in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: (maxDepth + 1) * width) { rows in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: maxDepth + 1) { path in
        withUnsafeTemporaryAllocation(of: (node: UInt32, depth: Int32).self, capacity: 64 + maxDepth * 256) { stack in
            // rows[d * width + j]: distance between the first d characters of the path and query[..<j],
            // computed only in the band |d - j| <= maxDistance (cells outside it are `unreachable`).
            for j in 0...m { rows[j] = j <= maxDistance ? Int32(j) : unreachable }
            var top = 0
            let rootFirst = Int(nodes[0].firstChild)
            let rootCount = Int(nodes[1].firstChild) - rootFirst
            let second = m > 1 && query[1] != query[0]
                ? Self.child(of: rootFirst, count: rootCount, scalar: query[1], in: nodes) : nil
            for child in [second, Self.child(of: rootFirst, count: rootCount, scalar: query[0], in: nodes)] {
                if let child {
                    stack[top] = (UInt32(child), 1)
                    top += 1
                }
            }
            while top > 0 {
                top -= 1
                let (nodeValue, depthValue) = stack[top]
                let node = Int(nodeValue)
                let depth = Int(depthValue)
                let scalar = nodes[node].scalar
                // Every term below is shorter than the query allows.
                if depth + nodes[node].height + maxDistance < m { continue }
                if depth == 2, maxDistance >= 2, m >= 2,
                   !((path[1] == query[0] && (anySecondCharacter || scalar == query[1]))
                     || (path[1] == query[1] && scalar == query[0])) {
                    continue
                }
                path[depth] = scalar
                let row = depth * width
                let above = row - width
                let low = max(1, depth - maxDistance)
                let high = min(m, depth + maxDistance)
                rows[row] = depth <= maxDistance ? Int32(depth) : unreachable
                if low - 1 >= 1 { rows[row + low - 1] = unreachable }
                if high + 1 <= m { rows[row + high + 1] = unreachable }
                var smallest = rows[row]
                if low <= high {
                    for j in low...high {
                        let cost: Int32 = query[j - 1] == scalar ? 0 : 1
                        var value = min(rows[above + j] + 1, rows[row + j - 1] + 1, rows[above + j - 1] + cost)
                        if depth > 1, j > 1, scalar == query[j - 2], path[depth - 1] == query[j - 1] {
                            value = min(value, rows[above - width + j - 2] + 1)
                        }
                        value = min(value, unreachable)
                        rows[row + j] = value
                        smallest = min(smallest, value)
                    }
                }
                if nodes[node].term >= 0, high == m, rows[row + m] <= maxDistance {
                    found(Int(nodes[node].term), Int(rows[row + m]))
                }
                guard smallest <= maxDistance, depth < maxDepth else { continue }
                let first = Int(nodes[node].firstChild)
                let count = Int(nodes[node + 1].firstChild) - first
                guard count > 0 else { continue }
                if smallest < maxDistance {
                    guard top + count <= stack.count else { continue }
                    var child = first + count - 1
                    while child >= first {
                        stack[top] = (UInt32(child), Int32(depth + 1))
                        top += 1
                        child -= 1
                    }
                    continue
                }
                // The budget is spent: a child survives only through a diagonal match after a cell still
                // within budget, or through a transposition; look those children up directly.
                let lastCell = min(high, m - 1)
                if low - 1 <= lastCell {
                    for i in (low - 1)...lastCell where rows[row + i] <= maxDistance && top < stack.count {
                        if let child = Self.step(node, query[i], in: nodes),
                           !Self.isPushed(child, stack, from: top - i - 2, to: top) {
                            stack[top] = (UInt32(child), Int32(depth + 1))
                            top += 1
                        }
                    }
                }
                if depth >= 1, low <= high {
                    for j in max(2, low)...max(2, high) where j <= m && top < stack.count {
                        guard scalar == query[j - 1], rows[above + j - 2] < maxDistance,
                              let child = Self.step(node, query[j - 2], in: nodes),
                              !Self.isPushed(child, stack, from: top - 8, to: top) else { continue }
                        stack[top] = (UInt32(child), Int32(depth + 1))
                        top += 1
                    }
                }
            }
        }
        }
        }
        }
        }
    }

    /// `terms(near:maxDistance:)` for distance 1, without the automaton: every term one edit away from the
    /// query is the query's exact path up to some position, one edit there, then the rest of the query
    /// exactly. So the walk follows the query's path and, at each of its nodes, tries the deletion, the
    /// transposition, and every child as a substitution or an insertion followed by the rest of the query;
    /// most of those die at once on the child's `childMask`. A few hundred cheap checks in a handful of
    /// cache lines, where the automaton computes a row for each of about a hundred nodes.
    private func termsWithinOneEdit(of query: [UInt32], _ found: (Int, Int) -> Void) {
        let m = query.count
        var terms: [Int32] = []
        terms.reserveCapacity(32)
        var exact: Int32 = -1
        nodes.withUnsafeBufferPointer { nodes in
        query.withUnsafeBufferPointer { query in
            func report(_ node: Int?) {
                if let node, nodes[node].term >= 0 { terms.append(nodes[node].term) }
            }
            func follow(_ node: Int, from: Int) -> Int? { Self.follow(node, query, from: from, in: nodes) }
            // Along the query's own path: `node` is the node of query[..<i].
            var node = 0
            var i = 0
            while true {
                // Deletion of query[i], and transposition of query[i] and query[i + 1].
                if i < m { report(follow(node, from: i + 1)) }
                if i + 1 < m, query[i] != query[i + 1], let swapped = Self.step(node, query[i + 1], in: nodes),
                   let next = Self.step(swapped, query[i], in: nodes) {
                    report(follow(next, from: i + 2))
                }
                // Substitution of query[i], and insertion before it (or after the query's end). A term's first
                // character is the query's first or second one, so at the root only the second is tried.
                if i == 0 {
                    if m > 1, query[1] != query[0], let child = Self.step(0, query[1], in: nodes) {
                        report(follow(child, from: 1))
                        report(follow(child, from: 0))
                    }
                } else {
                    for child in Int(nodes[node].firstChild)..<Int(nodes[node + 1].firstChild) {
                        if i < m {
                            if nodes[child].scalar != query[i] { report(follow(child, from: i + 1)) }
                            report(follow(child, from: i))
                        } else {
                            report(child)
                        }
                    }
                }
                guard i < m, let next = Self.step(node, query[i], in: nodes) else { break }
                node = next
                i += 1
            }
            if i == m { exact = nodes[node].term }
        }
        }
        if exact >= 0 { found(Int(exact), 0) }
        terms.sort()
        var previous: Int32 = -1
        for term in terms where term != previous && term != exact {
            found(Int(term), 1)
            previous = term
        }
    }

    /// The terms one edit away from `query` by an edit of its first character that `terms(near:maxDistance:)`
    /// does not search for: the first character replaced by, or preceded by, a key next to it on a QWERTY
    /// keyboard (`nicrosoft`, `zapple`), other than the query's first two characters. Calls `found(term)` once
    /// per term, ascending. Only for queries of 2+ characters starting with an ASCII letter or digit: at most
    /// two walks along the query per neighbouring key (six at most), most stopping at once on a child mask.
    func termsWithFirstCharacterEdit(of query: [UInt32], _ found: (Int) -> Void) {
        guard query.count > 1 else { return }
        var terms: [Int32] = []
        nodes.withUnsafeBufferPointer { nodes in
        query.withUnsafeBufferPointer { query in
            for scalar in Keyboard.neighbours(of: query[0]) where scalar != query[1] {
                guard let child = Self.step(0, scalar, in: nodes) else { continue }
                for from in 0...1 {
                    if let node = Self.follow(child, query, from: from, in: nodes), nodes[node].term >= 0 {
                        terms.append(nodes[node].term)
                    }
                }
            }
        }
        }
        terms.sort()
        var previous: Int32 = -1
        for term in terms where term != previous {
            found(Int(term))
            previous = term
        }
    }

    /// The node reached from `node` by `query[from...]`, if the trie has that path.
    private static func follow(_ node: Int, _ query: UnsafeBufferPointer<UInt32>, from: Int,
                               in nodes: UnsafeBufferPointer<Node>) -> Int? {
        var node = node
        var i = from
        while i < query.count {
            guard let next = step(node, query[i], in: nodes) else { return nil }
            node = next
            i += 1
        }
        return node
    }

    /// The child of `node` with `scalar`, checking the node's `childMask` before its children.
    private static func step(_ node: Int, _ scalar: UInt32, in nodes: UnsafeBufferPointer<Node>) -> Int? {
        guard nodes[node].mayHaveChild(scalar) else { return nil }
        let first = Int(nodes[node].firstChild)
        return child(of: first, count: Int(nodes[node + 1].firstChild) - first, scalar: scalar, in: nodes)
    }

    /// Whether `node` is among the stack entries `from..<to` (pushed for the same parent).
    private static func isPushed(_ node: Int, _ stack: UnsafeMutableBufferPointer<(node: UInt32, depth: Int32)>,
                                 from: Int, to: Int) -> Bool {
        var index = max(0, from)
        while index < to {
            if stack[index].node == UInt32(node) { return true }
            index += 1
        }
        return false
    }

    /// The child with `scalar` among the sorted children `first..<first + count`.
    private static func child(of first: Int, count: Int, scalar: UInt32, in nodes: UnsafeBufferPointer<Node>) -> Int? {
        var low = first
        var high = first + count
        while low < high {
            let middle = (low + high) / 2
            if nodes[middle].scalar < scalar { low = middle + 1 } else { high = middle }
        }
        return low < first + count && nodes[low].scalar == scalar ? low : nil
    }
}
