import Foundation
import StockClient

extension Screen {
    /// The alerts view (`A`): every alert of the user, waiting and fired (with the price and time it fired at).
    func alertsBody(_ state: WatchState) -> [StyledLine] {
        let waiting = state.alerts.filter { !$0.fired }.count
        var lines = [
            StyledLine(" Alerts (\(state.alerts.count), \(waiting) waiting)", Style(foreground: .cyan, bold: true)),
            StyledLine("  " + "Ticker".padding(toLength: 9, withPad: " ", startingAt: 0)
                + "Condition".padding(toLength: 28, withPad: " ", startingAt: 0) + "Status", .bold),
        ]
        guard !state.alerts.isEmpty else {
            lines.append(StyledLine("  No alerts: select a row of the watchlist and press a to set one.", .dim))
            return lines
        }
        let visible = max(1, height - 3 - lines.count)
        let first = max(0, state.selectedAlert - visible + 1)
        for index in state.alerts.indices.dropFirst(first).prefix(visible) {
            lines.append(alertRow(state.alerts[index], selected: index == state.selectedAlert))
        }
        return lines
    }

    private func alertRow(_ alert: PriceAlert, selected: Bool) -> StyledLine {
        let unit = alert.condition.isPrice ? "" : " %"
        let status: StyledLine = if let firedAt = alert.triggeredAt {
            StyledLine("fired at \(alert.price.map(\.description) ?? "—") · \(Formatting.time(firedAt, in: timeZone))",
                       .color(.yellow, bold: true))
        } else {
            StyledLine("waiting", .color(.green))
        }
        let line = StyledLine(selected ? "▸ " : "  ", .bold)
            + StyledLine.column(alert.ticker, width: 9, style: .bold)
            + StyledLine.column("\(alert.condition.label) \(alert.value)\(unit)", width: 28) + status
        guard selected else { return line }
        return StyledLine(line.fitted(to: width).spans.map { Span($0.text, $0.style.reversed()) })
    }

    /// The alert form (`a`) under the search bar: the four conditions (the chosen one in reverse video), the value
    /// with a caret, and what is wrong with it.
    func alertFormLines(_ form: AlertForm) -> [StyledLine] {
        let last = form.lastPrice.map { " (last \($0))" } ?? ""
        var conditions = StyledLine(form.field == .condition ? " ▸ Condition " : "   Condition ", .bold)
        for (number, condition) in AlertForm.conditions.enumerated() {
            conditions.append(" \(number + 1) \(condition.label) ",
                              condition == form.condition ? Style(bold: true, reverse: true) : .plain)
        }
        var value = StyledLine(form.field == .value ? " ▸ Value     " : "   Value     ", .bold)
        value.append(" " + form.value, Style(underline: true))
        value.append(" ", form.field == .value ? .reverse : Style(underline: true))
        value.append(form.condition.isPrice ? "" : " %")
        if let error = form.error { value.append("  " + error, .color(.red, bold: true)) }
        return [
            StyledLine(" New alert on \(form.ticker)\(last)", Style(foreground: .cyan, bold: true)),
            conditions,
            value,
            StyledLine("   Tab cycles the condition (or ↑ and 1-4) · Enter set · Esc cancel", .dim),
        ]
    }
}
