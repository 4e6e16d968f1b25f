@testable import StockAlerts
import Testing

@Suite("IDMap")
struct IDMapTests {
    @Test("inserts, updates and removals agree with a Dictionary, through growth and long probe runs",
          arguments: [0, 5_000] as [Int])
    func againstDictionary(reserved: Int) {
        var random = SeededGenerator(state: UInt64(reserved) + 21)
        var map = IDMap(minimumCapacity: reserved)
        var expected: [Int64: UInt32] = [:]
        for step in 0..<40_000 {
            // Keys from a small range, some negative: many collisions and removals inside runs.
            let key = Int64.random(in: -3_000...3_000, using: &random)
            if Int.random(in: 0..<3, using: &random) == 0 {
                map[key] = nil
                expected[key] = nil
            } else {
                let value = UInt32(step)
                map[key] = value
                expected[key] = value
            }
            if step % 1_000 == 0 {
                #expect((-3_000...3_000).allSatisfy { map[$0] == expected[$0] })
            }
        }
        #expect(map.count == expected.count)
        #expect(expected.allSatisfy { map[$0.key] == $0.value })
    }
}
