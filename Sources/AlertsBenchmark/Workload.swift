import Foundation
import StockAlerts
import StockModel

/// A seeded xorshift64* generator: the same workload on every run.
struct WorkloadRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
}

/// The market and the alerts the benchmark runs: prices spread from $1 to $500, references (yesterday's close)
/// within 3 % of them, alerts on popular securities more often, with thresholds (of the price or of the change)
/// up to 10 % away on the side users set them (a few already hold).
struct Workload {
    let securityIDs: [Int64]
    private(set) var prices: [Price]
    let references: [Price]
    private var random: WorkloadRandom
    private var nextAlertID: Int64 = 1

    init(securities: Int, seed: UInt64) {
        random = WorkloadRandom(seed: seed)
        securityIDs = (0..<securities).map { Int64(1_000 + 3 * $0) }
        var prices: [Price] = []
        var references: [Price] = []
        for _ in 0..<securities {
            let dollars = exp(Double.random(in: 0...log(500), using: &random))
            let price = Price(tenThousandths: Int64(dollars * 10_000) + 1)
            prices.append(price)
            references.append(Self.scaled(price, by: Double.random(in: -0.03...0.03, using: &random)))
        }
        self.prices = prices
        self.references = references
    }

    var pricesByID: [Int64: Price] { Dictionary(uniqueKeysWithValues: zip(securityIDs, prices)) }
    var referencesByID: [Int64: Price] { Dictionary(uniqueKeysWithValues: zip(securityIDs, references)) }

    /// A new alert of one of 200,000 users, each condition a quarter of the time.
    mutating func newAlert() -> Alert {
        // Squaring a uniform draw puts more alerts on the first securities, as popular ones draw more.
        let index = Int(Double(securityIDs.count) * pow(Double.random(in: 0..<1, using: &random), 2))
        let distance = Double.random(in: -0.002...0.10, using: &random)
        let change = Double(prices[index].tenThousandths) / Double(references[index].tenThousandths) - 1
        let condition: AlertCondition = switch Int.random(in: 0..<4, using: &random) {
        case 0: .priceAbove(Self.scaled(prices[index], by: distance))
        case 1: .priceBelow(Self.scaled(prices[index], by: -distance))
        case 2: .changePercentAbove(Self.percent(change + distance))
        default: .changePercentBelow(Self.percent(change - distance))
        }
        defer { nextAlertID += 1 }
        return Alert(
            id: nextAlertID, userID: Int64.random(in: 1...200_000, using: &random), securityID: securityIDs[index],
            condition: condition, createdAt: Date())
    }

    /// A random index below `count` (which alert the API deletes).
    mutating func index(below count: Int) -> Int { Int.random(in: 0..<count, using: &random) }

    /// One tick: `share` of the securities move by up to ±0.2 %.
    mutating func tick(moving share: Double) -> [PriceUpdate] {
        var changes: [PriceUpdate] = []
        changes.reserveCapacity(Int(Double(prices.count) * share) + 1)
        for index in prices.indices where Double.random(in: 0..<1, using: &random) < share {
            prices[index] = Self.scaled(prices[index], by: Double.random(in: -0.002...0.002, using: &random))
            changes.append(PriceUpdate(securityID: securityIDs[index], price: prices[index]))
        }
        return changes
    }

    private static func percent(_ ratio: Double) -> PercentChange {
        PercentChange(tenThousandths: Int64((ratio * 1_000_000).rounded()))
    }

    private static func scaled(_ price: Price, by change: Double) -> Price {
        Price(tenThousandths: max(1, Int64((Double(price.tenThousandths) * (1 + change)).rounded())))
    }
}
