import Foundation
import StockCalendar
import StockModel
import StockQuotes

// The quote book's memory over a full trading day and its CPU cost per tick (see docs/quotes.md). One calendar
// a run, so that the resident growth is the book's alone.
//
//     swift run -c release quotes-benchmark [securities] [always-open|nyse] [seconds between ticks, 60]

let arguments = CommandLine.arguments.dropFirst()
let securities = arguments.first.flatMap(Int.init) ?? 20_000
let calendarName = arguments.dropFirst().first ?? "always-open"
/// Seconds between two ticks: 60 by default, 5 for the server's default `--price-interval`.
let tickSeconds = arguments.dropFirst(2).first.flatMap(Double.init).map { max(1, $0) } ?? 60
let years = 2026...2027
let motion = SimulatedMotion(seed: 0x5EED)

/// Resident memory in bytes, from /proc/self/statm (0 where there is none).
func residentBytes() -> Int {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// A book of `securities` on `calendar`, registered at `start` from reference prices of 2 to 600 dollars.
func makeBook(_ calendar: ExchangeCalendar, at start: Date) -> (QuoteBook, [Price]) {
    var book = QuoteBook()
    var prices: [Price] = []
    for index in 0..<securities {
        let reference = Price(tenThousandths: 20_000 + Int64(index % 5_980) * 1_000)
        prices.append(reference)
        book.register(
            id: Int64(index + 1), calendar: calendar, currency: "USD",
            last: Quote(price: reference, previousClose: reference), at: start)
    }
    return (book, prices)
}

/// Every security's next price and volume on tick `tick`, in `state`.
func updates(_ prices: inout [Price], tick: UInt64, state: MarketState) -> [QuoteUpdate] {
    (0..<prices.count).map { index in
        let step = motion.step(from: prices[index], key: UInt64(index), tick: tick, state: state)
        prices[index] = step.price
        return QuoteUpdate(index: Int32(index), price: step.price, tradedVolume: step.traded)
    }
}

/// Milliseconds `body` takes.
func milliseconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
}

func percentile(_ values: [Double], _ share: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(Int(Double(sorted.count) * share), sorted.count - 1)]
}

/// A whole trading day of `calendar` from `opens` to `closes`, one tick of every security each `step`
/// seconds; prints the memory, then the cost of a tick with every price moving and of the rolling tick.
func run(_ name: String, _ calendar: ExchangeCalendar, opens: String, closes: String, step: Double) {
    let formatter = ISO8601DateFormatter()
    let start = formatter.date(from: opens)!, end = formatter.date(from: closes)!
    let residentBefore = residentBytes()
    var (book, prices) = makeBook(calendar, at: start)
    var tick: UInt64 = 0
    var applyTimes: [Double] = [], motionTimes: [Double] = []
    var changes = 0
    for time in stride(from: start, to: end, by: step) {
        tick += 1
        var batch: [QuoteUpdate] = []
        motionTimes.append(milliseconds { batch = updates(&prices, tick: tick, state: calendar.state(at: time)) })
        applyTimes.append(milliseconds { changes += book.apply(batch, at: time).count })
    }
    let residentAfter = residentBytes()
    let points = (0..<Int32(securities)).reduce(0) { $0 + book.history(at: $1).count }
    print("\(name): \(securities) securities, \(tick) ticks from \(opens) to \(closes), \(changes) changes")
    let bytes = book.historyBytes
    print("  history: \(points) points, \(bytes) bytes of points (\(bytes / securities) a security)")
    print("  resident growth, book and history: \(residentAfter - residentBefore) bytes")
    print(String(
        format: "  apply one tick of %d prices: p50 %.2f ms, p90 %.2f ms, min %.2f ms; motion %.2f ms p50",
        securities, percentile(applyTimes, 0.5), percentile(applyTimes, 0.9), applyTimes.min()!,
        percentile(motionTimes, 0.5)))
    let rollTime = end.addingTimeInterval(86_400)
    var rolled = 0
    let rollMilliseconds = milliseconds { rolled = book.apply([], at: rollTime).count }
    print(String(format: "  the next day's first tick, no prices: %d changes in %.2f ms", rolled, rollMilliseconds))
}

switch calendarName {
case "nyse":
    run(
        "NYSE (pre, regular, post)", .for("NYSE", years: years), opens: "2026-12-03T04:00:00-05:00",
        closes: "2026-12-03T20:00:00-05:00", step: tickSeconds)
default:
    run(
        "always-open", .alwaysOpen(years: years), opens: "2026-12-03T00:00:00Z", closes: "2026-12-04T00:00:00Z",
        step: tickSeconds)
}
