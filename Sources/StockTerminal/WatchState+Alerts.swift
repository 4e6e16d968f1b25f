import Foundation
import StockClient
import StockModel

/// Price alerts: the form (`a`), the alerts view (`A`), and a fired alert's notice and highlighted row.
extension WatchState {
    /// How long the row of a fired alert stays highlighted (a key press ends it sooner).
    public static let firedHighlightDuration: TimeInterval = 10

    // MARK: Events

    mutating func updateAlerts(_ event: WatchEvent) {
        switch event {
        case .alertsLoaded(let loaded):
            alerts = loaded
            selectedAlert = clamp(selectedAlert, count: alerts.count)
        case .alertCreated(let alert):
            record(alert)
            notice = Notice("Alert set: \(alert.ticker) \(alert.condition.label) \(alert.value)")
        case .alertDeleted(let id):
            if let index = alerts.firstIndex(where: { $0.id == id }) {
                notice = Notice("Deleted the alert on \(alerts[index].ticker)")
                alerts.remove(at: index)
            }
            selectedAlert = clamp(selectedAlert, count: alerts.count)
        case .alertFired(let alert):
            record(alert)
            let price = alert.price.map { " at \($0)" } ?? ""
            notice = Notice("Alert: \(alert.ticker) \(alert.condition.label) \(alert.value), fired\(price)")
            firedHighlight = FiredHighlight(securityID: alert.securityID,
                                            until: now.addingTimeInterval(Self.firedHighlightDuration))
        default:
            break
        }
    }

    /// Replaces the alert with the same id, or appends it.
    private mutating func record(_ alert: PriceAlert) {
        if let index = alerts.firstIndex(where: { $0.id == alert.id }) {
            alerts[index] = alert
        } else {
            alerts.append(alert)
        }
    }

    // MARK: Keys

    /// `a` (the form on the selected row) and `A` (the alerts view); `nil` for any other key.
    mutating func handleAlertKey(_ key: Key) -> [WatchCommand]? {
        switch key {
        case .character("a"):
            guard let row = selectedWatchRow else { return [] }
            alertForm = AlertForm(securityID: row.id, ticker: row.security.ticker, lastPrice: row.lastPrice)
            return []
        case .character("A"):
            showingAlerts = true
            return [.loadAlerts]
        default:
            return nil
        }
    }

    /// The form's keys: Tab / Shift-Tab (and ← → on the condition) cycle the condition, ↑ ↓ switch fields, 1-4 on
    /// the condition pick it, Enter creates the alert when the value is valid, Esc cancels.
    mutating func handleAlertForm(_ key: Key, _ form: AlertForm) -> [WatchCommand] {
        var form = form
        switch key {
        case .escape:
            alertForm = nil
            notice = Notice("No alert set")
            return []
        case .tab: form.cycle(1)
        case .backTab: form.cycle(-1)
        case .right where form.field == .condition: form.cycle(1)
        case .left where form.field == .condition: form.cycle(-1)
        case .up: form.field = .condition
        case .down: form.field = .value
        case .character(let digit) where form.field == .condition && ("1"..."4").contains(digit):
            form.condition = AlertForm.conditions[Int(String(digit))! - 1]
            form.field = .value
        case .character(let character) where character.isNumber || "-+.,".contains(character):
            guard form.value.count < AlertForm.valueLength else { break }
            form.field = .value
            form.value.append(character == "," ? "." : character)
            form.error = nil
        case .backspace:
            if !form.value.isEmpty { form.value.removeLast() }
            form.error = nil
        case .control("u"):
            form.value = ""
        case .enter where form.field == .condition:
            form.field = .value
        case .enter:
            switch form.validatedValue() {
            case .failure(let error):
                form.error = error.message
            case .success(let value):
                alertForm = nil
                notice = Notice("Setting the alert on \(form.ticker)…")
                return [.createAlert(securityID: form.securityID, ticker: form.ticker, condition: form.condition,
                                     value: value)]
            }
        default:
            break
        }
        alertForm = form
        return []
    }

    /// The alerts view's keys: ↑ ↓ (j k) select, x or Delete deletes, A or Esc goes back to the watchlist.
    mutating func handleAlertsView(_ key: Key) -> [WatchCommand] {
        switch key {
        case .character("q"):
            return [.quit]
        case .character("?"), .function(1):
            showingHelp = true
        case .escape, .character("A"):
            showingAlerts = false
        case .up, .character("k"):
            selectedAlert = clamp(selectedAlert - 1, count: alerts.count)
        case .down, .character("j"):
            selectedAlert = clamp(selectedAlert + 1, count: alerts.count)
        case .character("x"), .delete:
            guard alerts.indices.contains(selectedAlert) else { return [] }
            let alert = alerts[selectedAlert]
            return [.deleteAlert(id: alert.id, ticker: alert.ticker)]
        default:
            break
        }
        return []
    }
}
