import StockModel
import StockQuotes

extension Screen {
    /// Column widths: the name takes what the others leave; on narrow screens the optional columns go, the time
    /// first, then the day range, the currency, the sparkline and the market state, so that the name keeps
    /// `minimumName` columns.
    struct WatchColumns {
        var ticker = 9
        var name = 0
        var last = 11
        var change = 10
        var percent = 9
        var range = 22
        var state = 7
        var currency = 4
        var sparkline = 13
        var updated = 9

        static let minimumName = 12

        init(width: Int) {
            let drops: [WritableKeyPath<WatchColumns, Int>] = [\.updated, \.range, \.currency, \.sparkline, \.state]
            for drop in drops where width - fixed < Self.minimumName { self[keyPath: drop] = 0 }
            name = max(0, width - fixed)
        }

        private var fixed: Int {
            2 + ticker + last + change + percent + range + state + currency + sparkline + updated
        }
    }

    func watchlist(_ state: WatchState, rows: Int) -> [StyledLine] {
        let columns = WatchColumns(width: width)
        let title = "\(state.activeList?.name ?? "Watchlist") (\(state.watchlist.count))"
            + (state.sort == .own ? "" : " · sorted by \(state.sort.label)")
        var lines = [StyledLine(" " + title, state.focus == .watchlist ? Style(foreground: .cyan, bold: true) : .bold),
                     header(columns, sort: state.sort)]
        guard !state.watchlist.isEmpty else {
            lines.append(StyledLine("  Empty: search for a security and press Enter to add it.", .dim))
            return lines
        }
        let shown = state.rows
        let visible = max(1, rows - 2)
        let first = max(0, state.selectedRow - visible + 1)
        for index in shown.indices.dropFirst(first).prefix(visible) {
            lines.append(watchRow(shown[index], columns: columns,
                                  selected: index == state.selectedRow && state.focus == .watchlist,
                                  fired: state.firedHighlight?.securityID == shown[index].id))
        }
        return lines
    }

    private func header(_ columns: WatchColumns, sort: WatchSort) -> StyledLine {
        let mark = { (title: String, column: WatchSort) in sort == column ? title + "▼" : title }
        let cells: [(String, Int, Bool)] = [
            (mark("Ticker", .ticker), columns.ticker, false), (mark("Name", .name), columns.name, false),
            (mark("Last", .price), columns.last, true), ("Change", columns.change, true),
            (mark("Chg %", .changePercent), columns.percent, true), ("Day range", columns.range, true),
            (" State", columns.state, false), (" Cur", columns.currency, false), (" Day", columns.sparkline, false),
            ("Updated", columns.updated, true),
        ]
        return cells.filter { $0.1 > 0 }.reduce(StyledLine("  ", .bold)) { line, cell in
            line + StyledLine.column(cell.0, width: cell.1, style: .bold, alignRight: cell.2)
        }
    }

    /// One row; a row whose alert just fired is yellow on its whole width, with a `!` in front.
    private func watchRow(_ row: WatchRow, columns: WatchColumns, selected: Bool, fired: Bool) -> StyledLine {
        let change = row.change
        let trend: Style = switch change.map({ $0.sign == .minus ? -1 : $0 == 0 ? 0 : 1 }) {
        case 1: .color(.green)
        case -1: .color(.red)
        default: .plain
        }
        let quote = row.quote
        var line = StyledLine(selected ? "▸ " : fired ? "! " : "  ", .bold)
        line = line + StyledLine.column(row.security.ticker, width: columns.ticker, style: .bold)
            + StyledLine.column(row.security.name, width: columns.name)
            + StyledLine.column(row.lastPrice.map(Formatting.price) ?? "—", width: columns.last,
                                style: row.stale ? .dim : trend.bolded, alignRight: true)
            + StyledLine.column(change.map(Formatting.change) ?? "", width: columns.change, style: trend,
                                alignRight: true)
            + StyledLine.column(row.changePercent.map(Formatting.percent) ?? "", width: columns.percent,
                                style: trend, alignRight: true)
        if columns.range > 0 {
            line = line + StyledLine.column(Formatting.dayRange(low: quote?.dayLow, high: quote?.dayHigh),
                                            width: columns.range, style: .dim, alignRight: true)
        }
        if columns.state > 0 {
            let badge = quote?.marketState.map(Self.badge) ?? (" ", .plain)
            line = line + StyledLine.column(" " + badge.text, width: columns.state, style: badge.style)
        }
        if columns.currency > 0 {
            line = line + StyledLine.column(" " + (quote?.currency ?? ""), width: columns.currency, style: .dim)
        }
        if columns.sparkline > 0 {
            let points = row.history + (row.lastPrice.map { [$0] } ?? [])
            line = line + StyledLine.column(" " + Sparkline.line(points, width: columns.sparkline - 1),
                                            width: columns.sparkline, style: trend)
        }
        if columns.updated > 0 {
            let updated = row.stale ? "stale" : row.updatedAt.map { Formatting.time($0, in: timeZone) } ?? ""
            line = line + StyledLine.column(updated, width: columns.updated, style: row.stale ? .color(.yellow) : .dim,
                                            alignRight: true)
        }
        if fired {
            return StyledLine(line.fitted(to: width).spans.map {
                Span($0.text, Style(foreground: .yellow, bold: true, reverse: selected))
            })
        }
        guard selected else { return line }
        return StyledLine(line.fitted(to: width).spans.map { Span($0.text, $0.style.reversed()) })
    }

    /// The market-state badge and its colour: `OPEN` green, `PRE` and `POST` yellow, `CLOSED` dim.
    static func badge(_ state: MarketState) -> (text: String, style: Style) {
        switch state {
        case .pre: ("PRE", .color(.yellow))
        case .regular: ("OPEN", .color(.green, bold: true))
        case .post: ("POST", .color(.yellow))
        case .closed: ("CLOSED", .dim)
        }
    }
}
