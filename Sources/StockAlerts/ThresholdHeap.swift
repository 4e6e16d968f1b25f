/// The alerts of one security and one condition kind, as a 4-ary min-heap of threshold keys (see
/// `AlertThreshold`): the alert nearest to firing is on top, so a tick reads one key per heap and pops only what
/// fires. Keys and alert slots are two parallel arrays (12 bytes an alert). Where each slot sits is kept in
/// `positions` (indexed by slot, owned by the book), so that removing any alert is O(log n).
///
/// Only the top of the heap is ever compared with a price, so a heap orders the alerts exactly as far as a tick
/// needs; an ascending array is already a valid heap, which is how the bulk load builds them.
struct ThresholdHeap: Sendable {
    /// Children per node: four keys share a cache line, and a pop walks half as many levels as in a binary heap.
    private static let arity = 4
    private(set) var keys: [Int64] = []
    private(set) var slots: [UInt32] = []

    init() {}

    /// A heap of `entries` sorted by ascending key (already a valid heap); records each slot's position.
    init(ascending entries: ArraySlice<(key: Int64, slot: UInt32)>, positions: inout [Int32]) {
        keys.reserveCapacity(entries.count)
        slots.reserveCapacity(entries.count)
        for entry in entries {
            positions[Int(entry.slot)] = Int32(keys.count)
            keys.append(entry.key)
            slots.append(entry.slot)
        }
    }

    var count: Int { keys.count }

    /// The smallest key, `nil` when empty.
    var minimumKey: Int64? { keys.first }

    /// The bytes the two arrays hold, spare capacity included.
    var bytesHeld: Int {
        keys.capacity * MemoryLayout<Int64>.stride + slots.capacity * MemoryLayout<UInt32>.stride
    }

    mutating func insert(key: Int64, slot: UInt32, positions: inout [Int32]) {
        keys.append(key)
        slots.append(slot)
        siftUp(from: keys.count - 1, positions: &positions)
    }

    /// Removes the alert at `position` and returns its slot.
    @discardableResult
    mutating func remove(at position: Int, positions: inout [Int32]) -> UInt32 {
        let slot = slots[position]
        let last = keys.count - 1
        if position != last {
            move(from: last, to: position, positions: &positions)
        }
        keys.removeLast()
        slots.removeLast()
        if position < keys.count {
            siftDown(from: position, positions: &positions)
            siftUp(from: position, positions: &positions)
        }
        return slot
    }

    /// Gives every alert the key `key(slot)` and restores the heap order (O(n)).
    mutating func rekey(_ key: (UInt32) -> Int64, positions: inout [Int32]) {
        for position in keys.indices {
            keys[position] = key(slots[position])
        }
        guard keys.count > 1 else { return }
        for position in stride(from: (keys.count - 2) / Self.arity, through: 0, by: -1) {
            siftDown(from: position, positions: &positions)
        }
    }

    private mutating func siftUp(from start: Int, positions: inout [Int32]) {
        var position = start
        let key = keys[position], slot = slots[position]
        while position > 0 {
            let parent = (position - 1) / Self.arity
            guard key < keys[parent] else { break }
            move(from: parent, to: position, positions: &positions)
            position = parent
        }
        place(key: key, slot: slot, at: position, positions: &positions)
    }

    private mutating func siftDown(from start: Int, positions: inout [Int32]) {
        var position = start
        let key = keys[position], slot = slots[position]
        while true {
            let first = Self.arity * position + 1
            guard first < keys.count else { break }
            var child = first
            for sibling in first + 1..<min(first + Self.arity, keys.count) where keys[sibling] < keys[child] {
                child = sibling
            }
            guard keys[child] < key else { break }
            move(from: child, to: position, positions: &positions)
            position = child
        }
        place(key: key, slot: slot, at: position, positions: &positions)
    }

    private mutating func move(from source: Int, to target: Int, positions: inout [Int32]) {
        place(key: keys[source], slot: slots[source], at: target, positions: &positions)
    }

    private mutating func place(key: Int64, slot: UInt32, at position: Int, positions: inout [Int32]) {
        keys[position] = key
        slots[position] = slot
        positions[Int(slot)] = Int32(position)
    }
}
