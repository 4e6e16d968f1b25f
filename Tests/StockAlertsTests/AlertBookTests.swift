import Foundation
import StockAlerts
import StockModel
import Testing

private let security: Int64 = 7

private func price(_ text: String) -> Price { Price(text)! }

private func percent(_ text: String) -> PercentChange { PercentChange(text)! }

private func alert(
    _ id: Int64, _ condition: AlertCondition, user: Int64 = 1, on securityID: Int64 = security
) -> Alert {
    Alert(id: id, userID: user, securityID: securityID, condition: condition, createdAt: Date(timeIntervalSince1970: 0))
}

/// Runs one tick that moves the security to `text` and returns the ids that fired.
private func tick(_ book: inout AlertBook, to text: String, on securityID: Int64 = security) -> [Int64] {
    book.evaluate([PriceUpdate(securityID: securityID, price: price(text))]).map(\.alert.id)
}

/// A book with one alert and `reference`, whose first tick moves the price to `text`: did the alert fire?
private func fires(_ condition: AlertCondition, at text: String, reference: String? = nil) -> Bool {
    var book = AlertBook()
    book.setReference(reference.map(price), securityID: security)
    book.add(alert(1, condition))
    return tick(&book, to: text) == [1]
}

@Suite("Alert conditions")
struct AlertConditionTests {
    @Test("price_above fires only strictly above its value", arguments: [
        ("10.0001", true), ("10", false), ("9.9999", false), ("250", true),
    ])
    func priceAbove(at text: String, expected: Bool) {
        #expect(fires(.priceAbove(price("10")), at: text) == expected)
    }

    @Test("price_below fires only strictly below its value", arguments: [
        ("9.9999", true), ("10", false), ("10.0001", false), ("0.0001", true),
    ])
    func priceBelow(at text: String, expected: Bool) {
        #expect(fires(.priceBelow(price("10")), at: text) == expected)
    }

    @Test("change_percent_above compares the change from the reference strictly", arguments: [
        ("101.0001", true), ("101", false), ("100.9999", false), ("99", false),
    ])
    func changePercentAbove(at text: String, expected: Bool) {
        #expect(fires(.changePercentAbove(percent("1")), at: text, reference: "100") == expected)
    }

    @Test("change_percent_below takes negative values", arguments: [
        // 194.9999 is -2.50005 %, a tie that rounds to -2.5000.
        ("194.9998", true), ("194.9999", false), ("195", false), ("195.0001", false), ("201", false),
    ])
    func changePercentBelow(at text: String, expected: Bool) {
        #expect(fires(.changePercentBelow(percent("-2.5")), at: text, reference: "200") == expected)
    }

    @Test("percent conditions compare the change as SPEC rounds it: half-even to four digits", arguments: [
        // 3 -> 3.0001 is +0.00333…%, shown as 0.0033: not above 0.0033.
        (AlertCondition.changePercentAbove(percent("0.0033")), "3", "3.0001", false),
        (.changePercentAbove(percent("0.0033")), "3", "3.0002", true),
        // 200 -> 200.0003 is +0.00015%, a tie rounded to 0.0002; 200.0005 is +0.00025%, also rounded to 0.0002.
        (.changePercentAbove(percent("0.0001")), "200", "200.0003", true),
        (.changePercentAbove(percent("0.0002")), "200", "200.0005", false),
        (.changePercentBelow(percent("-0.0001")), "200", "199.9997", true),
        (.changePercentBelow(percent("-0.0002")), "200", "199.9995", false),
        // 3 -> 2.9999 is -0.00333…%, shown as -0.0033: not below -0.0033.
        (.changePercentBelow(percent("-0.0033")), "3", "2.9999", false),
    ])
    func percentRounding(condition: AlertCondition, reference: String, at text: String, expected: Bool) {
        #expect(fires(condition, at: text, reference: reference) == expected)
        #expect(Oracle.holds(condition, price: price(text), reference: price(reference)) == expected)
    }

    @Test("percent conditions cannot fire without a positive reference, and fire once one comes")
    func noReference() {
        var book = AlertBook()
        book.add(alert(1, .changePercentAbove(percent("-50"))))
        book.add(alert(2, .changePercentBelow(percent("50"))))
        #expect(tick(&book, to: "100").isEmpty)
        book.setReference(Price(tenThousandths: 0), securityID: security)
        #expect(tick(&book, to: "1000").isEmpty)
        #expect(book.count == 2)
        book.setReference(price("1000"), securityID: security)
        #expect(book.evaluate([]).map(\.alert.id) == [1, 2])
    }

    @Test("condition names and percent values parse as the contract writes them")
    func parsing() {
        for name in ["price_above", "price_below", "change_percent_above", "change_percent_below"] {
            #expect(AlertCondition(name: name, tenThousandths: 5)?.name == name)
        }
        #expect(AlertCondition(name: "price_equals", tenThousandths: 5) == nil)
        let parsed = AlertCondition(name: "change_percent_below", tenThousandths: -7_500)
        #expect(parsed == .changePercentBelow(percent("-0.75")))
        #expect(PercentChange("-0.75")?.tenThousandths == -7_500)
        #expect(PercentChange("2.5")?.description == "2.5")
        #expect(PercentChange("-0.0001")?.description == "-0.0001")
        for bad in ["", "-", "--1", "1.23456", "+1", "1e2"] {
            #expect(PercentChange(bad) == nil)
        }
    }
}

@Suite("Alert book")
struct AlertBookTests {
    @Test("an alert fires once and leaves the book")
    func firesOnce() {
        var book = AlertBook()
        book.add(alert(1, .priceAbove(price("10"))))
        let fired = book.evaluate([PriceUpdate(securityID: security, price: price("11"))])
        #expect(fired == [FiredAlert(alert: alert(1, .priceAbove(price("10"))), price: price("11"))])
        #expect(tick(&book, to: "12").isEmpty)
        #expect(tick(&book, to: "9").isEmpty)
        #expect(tick(&book, to: "13").isEmpty)
        #expect(book.count == 0)
        #expect(book.alert(id: 1) == nil)
    }

    @Test("a new alert whose condition holds fires on the next tick though the price does not move")
    func newAlertWithoutMove() {
        var book = AlertBook()
        #expect(tick(&book, to: "11").isEmpty)
        book.add(alert(1, .priceAbove(price("10"))))
        book.add(alert(2, .priceAbove(price("12"))))
        let fired = book.evaluate([])
        #expect(fired.map(\.alert.id) == [1])
        #expect(fired.first?.price == price("11"))
        #expect(book.evaluate([]).isEmpty)
    }

    @Test("an alert on a security without a price waits for its first price")
    func noPriceYet() {
        var book = AlertBook()
        book.add(alert(1, .priceBelow(price("10"))))
        #expect(book.evaluate([]).isEmpty)
        #expect(tick(&book, to: "9") == [1])
    }

    @Test("a removed alert never fires; removing an unknown or fired one finds nothing")
    func removal() {
        var book = AlertBook()
        for id in 1...3 { book.add(alert(Int64(id), .priceAbove(price("\(9 + id)")))) }
        #expect(book.remove(id: 2) == alert(2, .priceAbove(price("11"))))
        #expect(book.remove(id: 2) == nil)
        #expect(book.remove(id: 99) == nil)
        #expect(tick(&book, to: "20") == [1, 3])
        #expect(book.remove(id: 1) == nil)
        #expect(book.count == 0)
    }

    @Test("a new reference re-derives the percent thresholds; the next tick checks them without a move")
    func referenceChange() {
        var book = AlertBook()
        book.setReference(price("100"), securityID: security)
        book.add(alert(1, .changePercentAbove(percent("5"))))
        book.add(alert(2, .changePercentBelow(percent("-5"))))
        book.add(alert(3, .priceAbove(price("104"))))
        #expect(tick(&book, to: "104").isEmpty)
        book.setReference(price("110"), securityID: security)
        #expect(book.evaluate([]).map(\.alert.id) == [2])  // 104 from 110 is -5.4545%
        book.setReference(price("99"), securityID: security)
        #expect(book.reference(securityID: security) == price("99"))
        #expect(book.evaluate([]).map(\.alert.id) == [1])  // +5.0505%
        #expect(book.count == 1)
    }

    @Test("equal thresholds fire together, by alert id, and the next value up waits")
    func equalThresholds() {
        var book = AlertBook()
        for id in [5, 3, 9] as [Int64] { book.add(alert(id, .priceAbove(price("10")))) }
        book.add(alert(4, .priceAbove(price("10.0001"))))
        #expect(tick(&book, to: "10.0001") == [3, 5, 9])
        #expect(tick(&book, to: "10.0002") == [4])
    }

    @Test("one tick fires over several securities and kinds, by alert id")
    func deterministicOrder() {
        var book = AlertBook()
        book.add(alert(8, .priceAbove(price("1")), on: 1))
        book.add(alert(2, .priceBelow(price("5")), on: 2))
        book.add(alert(5, .changePercentAbove(percent("0")), on: 1))
        book.setReference(price("1"), securityID: 1)
        let fired = book.evaluate([
            PriceUpdate(securityID: 2, price: price("4")), PriceUpdate(securityID: 1, price: price("2")),
        ])
        #expect(fired.map(\.alert.id) == [2, 5, 8])
        #expect(fired.map(\.price) == [price("4"), price("2"), price("2")])
    }

    @Test("active alerts are counted per user, and an id is taken once")
    func countsPerUser() {
        var book = AlertBook()
        let added = book.add(alert(1, .priceAbove(price("10")), user: 7))
        let addedAgain = book.add(alert(1, .priceAbove(price("20")), user: 7))
        #expect(added && !addedAgain)
        book.add(alert(2, .priceAbove(price("20")), user: 7))
        book.add(alert(3, .priceAbove(price("20")), user: 8))
        #expect(book.activeAlertCount(userID: 7) == 2)
        #expect(tick(&book, to: "15") == [1])
        #expect(book.activeAlertCount(userID: 7) == 1)
        book.remove(id: 2)
        #expect(book.activeAlertCount(userID: 7) == 0)
        #expect(book.activeAlertCount(userID: 8) == 1)
    }

    @Test("a loaded book checks every alert on its first tick against the last known prices")
    func bulkLoad() {
        let alerts = [
            alert(1, .priceAbove(price("10"))), alert(2, .priceBelow(price("10"))),
            alert(3, .changePercentAbove(percent("2"))), alert(4, .changePercentBelow(percent("2"))),
            alert(4, .priceAbove(price("1"))),
        ]
        var book = AlertBook(alerts: alerts, prices: [security: price("10.5")], references: [security: price("10")])
        #expect(book.count == 4)
        #expect(book.alert(id: 4) == alerts[3])
        #expect(book.evaluate([]).map(\.alert.id) == [1, 3])
        #expect(tick(&book, to: "10.2").isEmpty)  // +2%, not below 2%
        #expect(tick(&book, to: "10.1999") == [4])
        #expect(tick(&book, to: "9") == [2])
    }
}
