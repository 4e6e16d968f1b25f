import Foundation
import StockModel

/// The active price alerts and what a tick fires of them.
///
/// An alert fires once, on the first tick at which its condition holds, and then leaves the book. Every
/// comparison is strict; percent conditions compare SPEC's `change_percent` (rounded half-even to four digits)
/// with the value, relative to the security's reference price (`setReference`), and cannot fire while the
/// security has no positive reference (see `AlertThreshold`). A new alert, or one whose reference changed, is
/// checked against the current price on the next tick even when that tick does not move the price.
///
/// Per security and condition kind the alerts sit in a `ThresholdHeap` of price thresholds with the one nearest
/// to firing on top. Between ticks no alert's condition holds at its security's price, so a tick compares one
/// key per heap of each changed security and pops what fires:
/// - `evaluate`: O(changed securities + securities with new alerts or references + fired × log n);
/// - `add`, `remove`: O(log n) in the alerts of the security (and O(1) hashing);
/// - `setReference`: O(n) in the percent alerts of that security only;
/// - the bulk load sorts each heap once: O(n log n).
///
/// A value type with no locks: its owner (the price poller) serialises access.
public struct AlertBook: Sendable {
    /// An alert as the book keeps it: 37 bytes (40 with padding), plus its heap position in `positions`.
    private struct Record {
        var id: Int64
        var userID: Int64
        var createdAt: Date
        /// The condition's value in ten-thousandths (of the price or of a percent).
        var value: Int64
        var security: Int32
        var kind: AlertCondition.Kind

        init(_ alert: Alert, security: Int32) {
            id = alert.id
            userID = alert.userID
            createdAt = alert.createdAt
            value = alert.condition.tenThousandths
            self.security = security
            kind = alert.condition.kind
        }
    }

    private static let kinds = AlertCondition.Kind.allCases
    private static let percentKinds = kinds.filter(\.isPercent)

    /// The alerts by slot; slots of fired and removed alerts are reused.
    private var records: [Record] = []
    /// Where each slot sits in its heap.
    private var positions: [Int32] = []
    private var freeSlots: [UInt32] = []
    private var slotByID = IDMap()
    private var countByUser = IDMap()

    /// Securities by dense index, in the order the book first heard of them.
    private var securityIDs: [Int64] = []
    private var indexBySecurityID = IDMap()
    private var prices: [Price?] = []
    private var references: [Price?] = []
    /// One heap per security and condition kind, at `kinds.count × security + kind`.
    private var heaps: [ThresholdHeap] = []
    /// The smallest key of each heap (`never` when empty), side by side so that a tick reads one cache line a
    /// security and touches a heap only when it fires.
    private var minimumKeys: [Int64] = []
    /// Securities to check on the next tick whatever their price does (new alerts, a new reference).
    private var due: [Int32] = []
    private var isDue: [Bool] = []

    /// An empty book.
    public init() {}

    /// A book loaded at start-up: each heap is sorted once. `prices` are the last known prices and
    /// `references` the reference prices of percent conditions, both by security id. Every loaded alert is
    /// checked on the first tick. An alert whose id comes again is kept once (the first).
    public init(alerts: [Alert], prices: [Int64: Price] = [:], references: [Int64: Price] = [:]) {
        for (securityID, price) in prices { self.prices[Int(securityIndex(securityID))] = price }
        for (securityID, reference) in references { self.references[Int(securityIndex(securityID))] = reference }
        records.reserveCapacity(alerts.count)
        positions.reserveCapacity(alerts.count)
        slotByID = IDMap(minimumCapacity: alerts.count)
        for alert in alerts where slotByID[alert.id] == nil {
            slotByID[alert.id] = UInt32(records.count)
            records.append(Record(alert, security: securityIndex(alert.securityID)))
            positions.append(0)
            countByUser[alert.userID] = (countByUser[alert.userID] ?? 0) + 1
        }
        // A counting sort of the slots by heap, then one sort by key within each heap.
        var starts = [Int](repeating: 0, count: heaps.count + 1)
        for record in records { starts[heapIndex(of: record) + 1] += 1 }
        for heap in heaps.indices { starts[heap + 1] += starts[heap] }
        var entries = [(key: Int64, slot: UInt32)](repeating: (0, 0), count: records.count)
        var next = starts
        for (slot, record) in records.enumerated() {
            let heap = heapIndex(of: record)
            entries[next[heap]] = (key(of: record), UInt32(slot))
            next[heap] += 1
        }
        for heap in heaps.indices where starts[heap] < starts[heap + 1] {
            let range = starts[heap]..<starts[heap + 1]
            entries[range].sort { $0.key < $1.key }
            heaps[heap] = ThresholdHeap(ascending: entries[range], positions: &positions)
            refreshMinimumKey(heap)
            markDue(Int32(heap / Self.kinds.count))
        }
    }

    /// The number of active alerts.
    public var count: Int { slotByID.count }

    /// The number of active alerts of a user (fired ones have left the book).
    public func activeAlertCount(userID: Int64) -> Int { Int(countByUser[userID] ?? 0) }

    /// The active alert with this id, `nil` when there is none (never added, removed or fired).
    public func alert(id: Int64) -> Alert? {
        slotByID[id].map { alert(records[Int($0)]) }
    }

    /// The reference price percent conditions of a security are relative to.
    public func reference(securityID: Int64) -> Price? {
        indexBySecurityID[securityID].flatMap { references[Int($0)] }
    }

    /// The bytes the book's storage holds, spare capacity included.
    public var bytesHeld: Int {
        records.capacity * MemoryLayout<Record>.stride
            + (positions.capacity + freeSlots.capacity) * MemoryLayout<UInt32>.stride
            + slotByID.bytesHeld + countByUser.bytesHeld + indexBySecurityID.bytesHeld
            + (securityIDs.capacity + minimumKeys.capacity) * MemoryLayout<Int64>.stride
            + (prices.capacity + references.capacity) * MemoryLayout<Price?>.stride
            + heaps.capacity * MemoryLayout<ThresholdHeap>.stride + heaps.reduce(0) { $0 + $1.bytesHeld }
            + due.capacity * MemoryLayout<Int32>.stride + isDue.capacity
    }

    /// Adds an alert; it is checked on the next tick. `false` (and nothing changes) when its id is in the book.
    @discardableResult
    public mutating func add(_ alert: Alert) -> Bool {
        guard slotByID[alert.id] == nil else { return false }
        let record = Record(alert, security: securityIndex(alert.securityID))
        let slot: UInt32
        if let free = freeSlots.popLast() {
            slot = free
            records[Int(slot)] = record
        } else {
            slot = UInt32(records.count)
            records.append(record)
            positions.append(0)
        }
        slotByID[alert.id] = slot
        countByUser[alert.userID] = (countByUser[alert.userID] ?? 0) + 1
        let heap = heapIndex(of: record)
        heaps[heap].insert(key: key(of: record), slot: slot, positions: &positions)
        refreshMinimumKey(heap)
        markDue(record.security)
        return true
    }

    /// Removes an alert (its user deleted it); returns it, or `nil` when it is not in the book.
    @discardableResult
    public mutating func remove(id: Int64) -> Alert? {
        guard let slot = slotByID[id] else { return nil }
        let record = records[Int(slot)]
        let heap = heapIndex(of: record)
        heaps[heap].remove(at: Int(positions[Int(slot)]), positions: &positions)
        refreshMinimumKey(heap)
        release(slot)
        return alert(record)
    }

    /// Sets the price a security's percent conditions are relative to (the quote's previous close; until quotes
    /// exist, the day's first price), `nil` when there is none. Re-derives the thresholds of that security's
    /// percent alerts, which are checked on the next tick.
    public mutating func setReference(_ reference: Price?, securityID: Int64) {
        let security = securityIndex(securityID)
        guard references[Int(security)] != reference else { return }
        references[Int(security)] = reference
        let records = self.records
        var rekeyed = false
        for kind in Self.percentKinds {
            let heap = heapIndex(security: security, kind: kind)
            guard heaps[heap].count > 0 else { continue }
            heaps[heap].rekey({ slot in
                AlertThreshold.key(kind, value: records[Int(slot)].value, reference: reference)
            }, positions: &positions)
            refreshMinimumKey(heap)
            rekeyed = true
        }
        if rekeyed { markDue(security) }
    }

    /// One tick: takes the new prices (`PriceTick.changes`) and returns the alerts that fire, each with the price
    /// that fired it, by ascending alert id. Fired alerts leave the book.
    public mutating func evaluate(_ changes: [PriceUpdate]) -> [FiredAlert] {
        var fired: [FiredAlert] = []
        for change in changes {
            let security = securityIndex(change.securityID)
            prices[Int(security)] = change.price
            fire(security, into: &fired)
        }
        for security in due {
            isDue[Int(security)] = false
            fire(security, into: &fired)
        }
        due.removeAll(keepingCapacity: true)
        fired.sort { $0.alert.id < $1.alert.id }
        return fired
    }

    // MARK: Inside

    /// Pops, from each heap of the security, the alerts whose condition holds at its price.
    private mutating func fire(_ security: Int32, into fired: inout [FiredAlert]) {
        guard let price = prices[Int(security)] else { return }
        for kind in Self.kinds {
            let heap = heapIndex(security: security, kind: kind)
            let probe = AlertThreshold.probe(price, firesRising: kind.firesRising)
            guard minimumKeys[heap] < probe else { continue }
            while let key = heaps[heap].minimumKey, key < probe {
                let slot = heaps[heap].remove(at: 0, positions: &positions)
                fired.append(FiredAlert(alert: alert(records[Int(slot)]), price: price))
                release(slot)
            }
            refreshMinimumKey(heap)
        }
    }

    /// Forgets the alert in `slot` (already out of its heap) and frees the slot.
    private mutating func release(_ slot: UInt32) {
        let record = records[Int(slot)]
        slotByID[record.id] = nil
        let remaining = (countByUser[record.userID] ?? 1) - 1
        countByUser[record.userID] = remaining == 0 ? nil : remaining
        freeSlots.append(slot)
    }

    /// The dense index of a security, registering it when new.
    private mutating func securityIndex(_ securityID: Int64) -> Int32 {
        if let index = indexBySecurityID[securityID] { return Int32(index) }
        let index = Int32(securityIDs.count)
        indexBySecurityID[securityID] = UInt32(index)
        securityIDs.append(securityID)
        prices.append(nil)
        references.append(nil)
        isDue.append(false)
        heaps.append(contentsOf: repeatElement(ThresholdHeap(), count: Self.kinds.count))
        minimumKeys.append(contentsOf: repeatElement(AlertThreshold.never, count: Self.kinds.count))
        return index
    }

    private mutating func refreshMinimumKey(_ heap: Int) {
        minimumKeys[heap] = heaps[heap].minimumKey ?? AlertThreshold.never
    }

    private mutating func markDue(_ security: Int32) {
        guard !isDue[Int(security)] else { return }
        isDue[Int(security)] = true
        due.append(security)
    }

    private func heapIndex(security: Int32, kind: AlertCondition.Kind) -> Int {
        Int(security) * Self.kinds.count + Int(kind.rawValue)
    }

    private func heapIndex(of record: Record) -> Int { heapIndex(security: record.security, kind: record.kind) }

    private func key(of record: Record) -> Int64 {
        AlertThreshold.key(record.kind, value: record.value, reference: references[Int(record.security)])
    }

    private func alert(_ record: Record) -> Alert {
        Alert(
            id: record.id, userID: record.userID, securityID: securityIDs[Int(record.security)],
            condition: AlertCondition(kind: record.kind, value: record.value), createdAt: record.createdAt)
    }
}
