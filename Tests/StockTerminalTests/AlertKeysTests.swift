import Foundation
import StockClient
import StockModel
import StockQuotes
import Testing
@testable import StockTerminal

@Suite("Alerts: the form, the alerts view, a fired alert")
struct AlertKeysTests {
    static func state() -> WatchState {
        Fixtures.main(watchlist: [Fixtures.apple, Fixtures.microsoft], focus: .watchlist)
    }

    static let fired = PriceAlert(
        id: 7, securityID: 4, ticker: "MSFT", condition: .priceAbove, value: Percent(tenThousandths: 4_000_000),
        createdAt: Fixtures.start, triggeredAt: Fixtures.start.addingTimeInterval(30), price: Price("410.25"))

    @Test("a opens the form on the selected row's value; Tab cycles the condition, ↑ and 1-4 pick it; Enter creates the alert")
    func form() throws {
        var state = Self.state()
        _ = state.update(.key(.character("a")))
        var form = try #require(state.alertForm)
        #expect(form.ticker == "AAPL" && form.condition == .priceAbove && form.field == .value)
        // A digit typed at once is the value's, even 1-4.
        _ = state.update(.key(.character("3")))
        #expect(state.alertForm?.value == "3" && state.alertForm?.condition == .priceAbove)
        _ = Fixtures.type([.backspace, .up], into: &state)
        #expect(state.alertForm?.field == .condition)
        _ = Fixtures.type([.tab, .tab], into: &state)
        #expect(state.alertForm?.condition == .changePercentAbove)
        _ = Fixtures.type([.backTab, .backTab, .backTab], into: &state)
        #expect(state.alertForm?.condition == .changePercentBelow)
        _ = state.update(.key(.character("2")))
        form = try #require(state.alertForm)
        #expect(form.condition == .priceBelow && form.field == .value)
        // In the value field the digits are the value's.
        let commands = Fixtures.type(Fixtures.characters("180,55") + [.enter], into: &state)
        #expect(commands == [.createAlert(securityID: 1, ticker: "AAPL", condition: .priceBelow,
                                          value: Percent(tenThousandths: 1_805_500))])
        #expect(state.alertForm == nil)
        _ = state.update(.alertCreated(PriceAlert(id: 1, securityID: 1, ticker: "AAPL", condition: .priceBelow,
                                                  value: Percent(tenThousandths: 1_805_500))))
        #expect(state.alerts.count == 1)
        #expect(state.notice == Notice("Alert set: AAPL price below 180.55"))
    }

    @Test("bad values are refused in the form, which stays open; Esc cancels", arguments: [
        ("1", "", "Type a value"), ("1", "1.2.3", "“1.2.3” is not a number with at most 4 decimals"),
        ("1", "1.23456", "“1.23456” is not a number with at most 4 decimals"), ("2", "-5", "A price must be above 0"),
        ("1", "0", "A price must be above 0"), ("1", "1000000001", "A price must be at most 1000000000"),
        ("4", "-1000001", "A change must be within ±1000000 %"),
    ])
    func refused(condition: String, value: String, message: String) throws {
        var state = Self.state()
        let keys = [.character("a"), .up, .character(Character(condition))] + Fixtures.characters(value) + [.enter]
        #expect(Fixtures.type(keys, into: &state) == [])
        #expect(state.alertForm?.error == message)
        _ = state.update(.key(.escape))
        #expect(state.alertForm == nil)
    }

    @Test("a negative change is a fine value for a percent condition")
    func negativePercent() {
        var state = Self.state()
        let commands = Fixtures.type([.character("a"), .up, .character("4")] + Fixtures.characters("-2.5") + [.enter],
                                     into: &state)
        #expect(commands == [.createAlert(securityID: 1, ticker: "AAPL", condition: .changePercentBelow,
                                          value: Percent(tenThousandths: -25_000))])
    }

    @Test("A shows the alerts (read again); x and Delete delete the selected one; A or Esc go back")
    func alertsView() {
        var state = Self.state()
        #expect(state.update(.key(.character("A"))) == [.loadAlerts])
        #expect(state.showingAlerts)
        let waiting = PriceAlert(id: 8, securityID: 1, ticker: "AAPL", condition: .changePercentBelow,
                                 value: Percent(tenThousandths: -20_000))
        _ = state.update(.alertsLoaded([Self.fired, waiting]))
        #expect(state.update(.key(.character("x"))) == [.deleteAlert(id: 7, ticker: "MSFT")])
        _ = state.update(.key(.down))
        #expect(state.update(.key(.delete)) == [.deleteAlert(id: 8, ticker: "AAPL")])
        _ = state.update(.alertDeleted(id: 8))
        #expect(state.alerts.map(\.id) == [7] && state.selectedAlert == 0)
        _ = state.update(.key(.escape))
        #expect(!state.showingAlerts)
        _ = state.update(.key(.character("A")))
        _ = state.update(.key(.character("A")))
        #expect(!state.showingAlerts)
    }

    @Test("a fired alert is in the status line and highlights its row until a key or ten seconds")
    func firedAlert() {
        var state = Self.state()
        _ = state.update(.alertFired(Self.fired))
        #expect(state.notice == Notice("Alert: MSFT price above 400, fired at 410.25"))
        #expect(state.firedHighlight?.securityID == 4)
        #expect(state.alerts == [Self.fired])
        _ = state.update(.tick(Fixtures.start.addingTimeInterval(9)))
        #expect(state.firedHighlight != nil)
        _ = state.update(.tick(Fixtures.start.addingTimeInterval(10)))
        #expect(state.firedHighlight == nil)
        _ = state.update(.alertFired(Self.fired))
        #expect(state.alerts.count == 1)
        _ = state.update(.key(.down))
        #expect(state.firedHighlight == nil && state.notice == nil)
    }
}
