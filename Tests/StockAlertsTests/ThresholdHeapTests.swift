@testable import StockAlerts
import Testing

@Suite("Threshold heap")
struct ThresholdHeapTests {
    @Test("the smallest key stays on top and every slot's position stays true through inserts, removals and rekeys")
    func againstModel() {
        var random = SeededGenerator(state: 5)
        let slotCount = 3_000
        var positions = [Int32](repeating: -1, count: slotCount)
        var heap = ThresholdHeap()
        var model: [UInt32: Int64] = [:]
        for step in 0..<12_000 {
            let slot = UInt32.random(in: 0..<UInt32(slotCount), using: &random)
            if let key = model[slot] {
                // Remove from anywhere, or pop the top.
                if Bool.random(using: &random) {
                    #expect(heap.remove(at: Int(positions[Int(slot)]), positions: &positions) == slot)
                    model[slot] = nil
                } else {
                    let top = heap.remove(at: 0, positions: &positions)
                    #expect(model[top] == model.values.min() && key >= model[top]!)
                    model[top] = nil
                }
            } else {
                let key = Int64.random(in: -500...500, using: &random)
                heap.insert(key: key, slot: slot, positions: &positions)
                model[slot] = key
            }
            if step % 2_000 == 1_999 {
                let shift = Int64.random(in: -50...50, using: &random)
                heap.rekey({ slot in -(model[slot]! * 3) + shift }, positions: &positions)
                for (slot, key) in model { model[slot] = -(key * 3) + shift }
            }
            #expect(heap.count == model.count)
            #expect(heap.minimumKey == model.values.min())
        }
        #expect(model.allSatisfy { heap.slots[Int(positions[Int($0.key)])] == $0.key })
        #expect(model.allSatisfy { heap.keys[Int(positions[Int($0.key)])] == $0.value })
    }
}
