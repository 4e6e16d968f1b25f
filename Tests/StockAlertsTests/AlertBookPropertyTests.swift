import Foundation
import StockAlerts
import StockModel
import Testing

/// The book against the definitions: a brute-force scan of every active alert after every tick.
@Suite("Alert book against a brute-force scan")
struct AlertBookPropertyTests {
    @Test("percent thresholds sit exactly where the rounded change crosses the value", arguments: [1, 2, 3] as [UInt64])
    func percentBoundaries(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        var alerts: [Alert] = []
        var references: [Int64: Price] = [:]
        var changes: [PriceUpdate] = []
        for index in 0..<1_000 {
            // Half the references are multiples of 2·10^6 ten-thousandths, where the rounding ties fall on prices.
            let reference = Bool.random(using: &random)
                ? 2_000_000 * Int64.random(in: 1...40, using: &random)
                : Int64(1) << Int64.random(in: 0...36, using: &random) + Int64.random(in: 0...999, using: &random)
            let shift = Int64.random(in: 0...20, using: &random)
            let value = Int64.random(in: -999_999...5_000_000, using: &random) >> shift
            // The rounded change passes the value at 10^6 (p - r) / r = value ± 1/2: try the prices around both.
            let crossings = [2 * value + 1, 2 * value - 1].map { doubled in
                Int64(Int128(reference) * (2_000_000 + Int128(doubled)) / 2_000_000)
            }
            for (side, crossing) in crossings.enumerated() {
                for offset in -2...2 where crossing + Int64(offset) > 0 {
                    let securityID = Int64(index * 100 + side * 10 + offset + 2)
                    references[securityID] = Price(tenThousandths: reference)
                    let price = Price(tenThousandths: crossing + Int64(offset))
                    changes.append(PriceUpdate(securityID: securityID, price: price))
                    for condition in [AlertCondition.changePercentAbove, AlertCondition.changePercentBelow] {
                        alerts.append(Alert(
                            id: Int64(alerts.count), userID: 1, securityID: securityID,
                            condition: condition(PercentChange(tenThousandths: value)), createdAt: Date()))
                    }
                }
            }
        }
        var book = AlertBook(alerts: alerts, references: references)
        let fired = Set(book.evaluate(changes).map(\.alert.id))
        let prices = Dictionary(uniqueKeysWithValues: changes.map { ($0.securityID, $0.price) })
        let expected = Set(alerts.filter { alert in
            Oracle.holds(alert.condition, price: prices[alert.securityID]!, reference: references[alert.securityID])
        }.map(\.id))
        #expect(fired == expected)
        #expect(fired.count > alerts.count / 4 && fired.count < alerts.count * 3 / 4)
    }

    @Test("extreme percent values never overflow: far above never fires, far below always does")
    func extremeValues() {
        var book = AlertBook()
        let conditions: [AlertCondition] = [
            .changePercentAbove(PercentChange(tenThousandths: .max)),
            .changePercentBelow(PercentChange(tenThousandths: .max)),
            .changePercentAbove(PercentChange(tenThousandths: .min)),
            .changePercentBelow(PercentChange(tenThousandths: .min)),
        ]
        for (index, condition) in conditions.enumerated() {
            book.add(Alert(id: Int64(index), userID: 1, securityID: 1, condition: condition, createdAt: Date()))
        }
        book.setReference(Price(tenThousandths: .max), securityID: 1)
        #expect(book.evaluate([PriceUpdate(securityID: 1, price: Price(tenThousandths: 1))]).map(\.alert.id) == [1, 2])
    }

    @Test("ticks, new alerts, removals and reference changes fire what a scan of every alert fires",
          arguments: [11, 12, 13, 14] as [UInt64])
    func againstScan(seed: UInt64) {
        var model = ScanModel(seed: seed)
        var book = AlertBook(alerts: Array(model.active.values), prices: model.prices, references: model.references)
        var firedInAll = 0
        for _ in 0..<400 {
            for _ in 0..<Int.random(in: 0...6, using: &model.random) { book.add(model.newAlert()) }
            for _ in 0..<Int.random(in: 0...2, using: &model.random) {
                guard let id = model.active.keys.randomElement(using: &model.random) else { break }
                #expect(book.remove(id: id) == model.active.removeValue(forKey: id))
            }
            if let (securityID, reference) = model.referenceChange() {
                book.setReference(reference, securityID: securityID)
            }
            let changes = model.priceChanges()
            let fired = book.evaluate(changes)
            let expected = model.scan()
            #expect(fired == expected)
            #expect(book.count == model.active.count)
            #expect(book.activeAlertCount(userID: 3) == model.active.values.count { $0.userID == 3 })
            firedInAll += fired.count
        }
        #expect(firedInAll > 500)
    }
}

/// The reference model: active alerts, prices and references in plain dictionaries, scanned in full.
private struct ScanModel {
    var random: SeededGenerator
    var active: [Int64: Alert] = [:]
    var prices: [Int64: Price] = [:]
    var references: [Int64: Price] = [:]
    private var nextID: Int64 = 1
    private let securityIDs: [Int64] = [3, 10, 11, 42, 99, 1_000]

    init(seed: UInt64) {
        random = SeededGenerator(state: seed)
        for securityID in securityIDs.dropLast() {
            prices[securityID] = randomPrice()
            references[securityID] = randomPrice()
        }
        for _ in 0..<300 { _ = newAlert() }
    }

    /// Prices near 1: thresholds and prices collide often.
    mutating func randomPrice() -> Price { Price(tenThousandths: Int64.random(in: 9_900...10_100, using: &random)) }

    mutating func newAlert() -> Alert {
        let value = Int64.random(in: 9_900...10_100, using: &random)
        let change = PercentChange(tenThousandths: Int64.random(in: -15_000...15_000, using: &random))
        let condition: AlertCondition = switch Int.random(in: 0..<4, using: &random) {
        case 0: .priceAbove(Price(tenThousandths: value))
        case 1: .priceBelow(Price(tenThousandths: value))
        case 2: .changePercentAbove(change)
        default: .changePercentBelow(change)
        }
        let alert = Alert(
            id: nextID, userID: Int64.random(in: 1...5, using: &random),
            securityID: securityIDs.randomElement(using: &random)!, condition: condition,
            createdAt: Date(timeIntervalSince1970: Double(nextID)))
        nextID += 1
        active[alert.id] = alert
        return alert
    }

    /// Now and then a new reference, which may be none or zero.
    mutating func referenceChange() -> (Int64, Price?)? {
        guard Int.random(in: 0..<5, using: &random) == 0 else { return nil }
        let securityID = securityIDs.randomElement(using: &random)!
        let reference: Price? = switch Int.random(in: 0..<6, using: &random) {
        case 0: nil
        case 1: Price(tenThousandths: 0)
        default: randomPrice()
        }
        references[securityID] = reference
        return (securityID, reference)
    }

    /// Some securities move a little, some are reported at the same price.
    mutating func priceChanges() -> [PriceUpdate] {
        var changes: [PriceUpdate] = []
        for securityID in securityIDs where Bool.random(using: &random) {
            let step = Int64.random(in: -60...60, using: &random)
            let price = Price(tenThousandths: max(1, (prices[securityID]?.tenThousandths ?? 10_000) + step))
            prices[securityID] = price
            changes.append(PriceUpdate(securityID: securityID, price: price))
        }
        return changes
    }

    /// Every active alert whose condition holds now, by id; they leave the model.
    mutating func scan() -> [FiredAlert] {
        let fired = active.values.compactMap { alert -> FiredAlert? in
            guard let price = prices[alert.securityID],
                  Oracle.holds(alert.condition, price: price, reference: references[alert.securityID])
            else { return nil }
            return FiredAlert(alert: alert, price: price)
        }.sorted { $0.alert.id < $1.alert.id }
        for firing in fired { active[firing.alert.id] = nil }
        return fired
    }
}
