// alerts-benchmark: 1,000,000 active alerts over 12,488 securities; CPU per tick, alerts fired, memory per
// alert (docs/alerts.md). Build in release: swift build -c release --product alerts-benchmark
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation
import StockAlerts
import StockModel

let alertCount = 1_000_000
let securityCount = 12_488
let tickCount = 100
let movingShare = 0.9
/// What the API adds and deletes between two ticks.
let addedPerTick = 1_000
let removedPerTick = 200

/// CPU time of this thread.
func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}

func measured<Result>(_ body: () -> Result) -> (Result, Duration) {
    let start = threadCPUTime()
    let result = body()
    return (result, threadCPUTime() - start)
}

/// Resident memory in bytes (Linux), `nil` elsewhere.
func residentBytes() -> Int? {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.3f ms", Double(seconds) * 1e3 + Double(attoseconds) / 1e15)
}

/// The value at `fraction` of the sorted values (nearest rank).
func percentile<Value: Comparable>(_ values: [Value], _ fraction: Double) -> Value {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
}

var workload = Workload(securities: securityCount, seed: 16)
let residentBefore = residentBytes()
var loaded = (0..<alertCount).map { _ in workload.newAlert() }
var (book, buildTime) = measured {
    AlertBook(alerts: loaded, prices: workload.pricesByID, references: workload.referencesByID)
}
loaded = []
let residentAfter = residentBytes()
let (firstFired, firstTickTime) = measured { book.evaluate([]) }
print("alerts \(book.count) over \(securityCount) securities after the first tick")
print("build (bulk load, sorted once): \(milliseconds(buildTime))")
let firstTick = "\(milliseconds(firstTickTime)), fired \(firstFired.count)"
print("first tick after the load (checks every loaded alert): \(firstTick)")
print("book storage: \(book.bytesHeld / book.count) bytes per alert (\(book.bytesHeld / 1_000_000) MB)")
if let residentBefore, let residentAfter {
    print("resident memory grew by \((residentAfter - residentBefore) / alertCount) bytes per loaded alert")
}

var tickTimes: [Duration] = []
var firedPerTick: [Int] = []
var changesInAll = 0
var editTime = Duration.zero
var active: [Int64] = []
for _ in 0..<tickCount {
    let (_, edits) = measured {
        for _ in 0..<addedPerTick {
            let alert = workload.newAlert()
            book.add(alert)
            active.append(alert.id)
        }
        for _ in 0..<removedPerTick where !active.isEmpty {
            book.remove(id: active.swapRemove(at: workload.index(below: active.count)))
        }
    }
    editTime += edits
    let changes = workload.tick(moving: movingShare)
    changesInAll += changes.count
    let (fired, tickTime) = measured { book.evaluate(changes) }
    tickTimes.append(tickTime)
    firedPerTick.append(fired.count)
}
print("""
    \(tickCount) ticks moving \(changesInAll / tickCount) prices each on average, \
    \(addedPerTick) alerts added and \(removedPerTick) removed between ticks
    CPU per tick: median \(milliseconds(percentile(tickTimes, 0.5))), \
    p99 \(milliseconds(percentile(tickTimes, 0.99))), \
    max \(milliseconds(tickTimes.max()!))
    fired per tick: median \(percentile(firedPerTick, 0.5)), p99 \(percentile(firedPerTick, 0.99)), \
    total \(firedPerTick.reduce(0, +))
    add or remove: \(milliseconds(editTime / (tickCount * (addedPerTick + removedPerTick)))) each on average
    alerts left \(book.count), \(book.bytesHeld / book.count) bytes per alert
    """)

let newReferences = workload.tick(moving: 1)
let (_, rolloverTime) = measured {
    for change in newReferences { book.setReference(change.price, securityID: change.securityID) }
}
let (rolloverFired, rolloverTickTime) = measured { book.evaluate([]) }
print("""
    previous-close rollover of every security: \(milliseconds(rolloverTime)), then a tick of \
    \(milliseconds(rolloverTickTime)) firing \(rolloverFired.count)
    """)

extension Array {
    /// Removes the element at `index` in O(1) by moving the last one there.
    mutating func swapRemove(at index: Int) -> Element {
        swapAt(index, count - 1)
        return removeLast()
    }
}
