import StockClient

extension Screen {
    /// The search bar, its results (while it has the focus and a query) and the watchlist.
    func mainBody(_ state: WatchState) -> [StyledLine] {
        var lines = [tabsLine(state), searchBar(state)]
        let room = height - 3  // title, notice and status bars
        if let form = state.alertForm {
            lines += alertFormLines(form)
        } else if state.focus == .search, !state.search.query.trimmingCharacters(in: .whitespaces).isEmpty {
            lines += searchResults(state, maximum: max(1, min(WatchState.resultLimit, (room - 4) / 2)))
        }
        lines.append(StyledLine())
        lines += watchlist(state, rows: max(1, room - lines.count))
        return lines
    }

    // MARK: Search

    private func searchBar(_ state: WatchState) -> StyledLine {
        let focused = state.focus == .search
        var line = StyledLine(" Search ", focused ? Style(foreground: .cyan, bold: true) : .dim)
        line.append("› ", focused ? .bold : .dim)
        line.append(state.search.query, focused ? .plain : .dim)
        if focused { line.append(" ", .reverse) }
        if state.search.query.isEmpty {
            line.append(focused ? "  type a ticker or a company name" : "  press / or Tab to search", .dim)
        } else if !focused {
            line.append("  press / or Tab for the results", .dim)
        } else if state.search.pending {
            line.append("  searching…", .dim)
        }
        return line
    }

    private func searchResults(_ state: WatchState, maximum: Int) -> [StyledLine] {
        let search = state.search
        if let error = search.error { return [StyledLine("   " + error, .color(.red))] }
        if search.results.isEmpty {
            return [StyledLine(search.pending ? "" : "   No match for “\(search.query)”", .dim)]
        }
        let first = max(0, search.selected - maximum + 1)
        let visible = search.results.indices.dropFirst(first).prefix(maximum)
        let fresh = search.resultsQuery == search.query
        return visible.map { index in
            resultRow(search.results[index], selected: index == search.selected && state.focus == .search,
                      watched: state.isWatched(search.results[index].id), fresh: fresh)
        }
    }

    private func resultRow(_ security: SecurityItem, selected: Bool, watched: Bool, fresh: Bool) -> StyledLine {
        let base: Style = fresh ? .plain : .dim
        let match = security.match
        let tickerText = match?.field == "ticker"
            ? highlighted(match?.text ?? security.ticker, ranges: match?.ranges ?? [], base: .bold)
            : StyledLine(security.ticker, .bold)
        var name = match?.field == "name"
            ? highlighted(match?.text ?? security.name, ranges: match?.ranges ?? [], base: base)
            : StyledLine(security.name, base)
        if let match, match.field == "alias" {
            name = name + StyledLine(" (", .dim) + highlighted(match.text, ranges: match.ranges, base: .dim)
                + StyledLine(")", .dim)
        }
        let price = security.lastPrice.map(Formatting.price) ?? "—"
        let nameWidth = max(4, width - 3 - 9 - 10 - 12)
        var line = StyledLine(selected ? " ▸ " : watched ? " ✓ " : "   ", selected ? .bold : .color(.green))
        line = line + tickerText.fitted(to: 9) + name.fitted(to: nameWidth)
            + StyledLine.column(" " + security.exchange, width: 10, style: .dim)
            + StyledLine.column(price, width: 12, style: base, alignRight: true)
        guard selected else { return line }
        return StyledLine(line.fitted(to: width).spans.map { Span($0.text, $0.style.reversed()) })
    }

    /// `text` with the characters in `ranges` (Character offsets) in the highlight style.
    func highlighted(_ text: String, ranges: [Range<Int>], base: Style) -> StyledLine {
        var line = StyledLine()
        var run = ""
        var runIsMatch = false
        for (offset, character) in text.enumerated() {
            let isMatch = ranges.contains { $0.contains(offset) }
            if isMatch != runIsMatch, !run.isEmpty {
                line.append(run, runIsMatch ? .highlight : base)
                run = ""
            }
            runIsMatch = isMatch
            run.append(character)
        }
        if !run.isEmpty { line.append(run, runIsMatch ? .highlight : base) }
        return line
    }

    // MARK: Status and help

    func statusBar(_ state: WatchState) -> StyledLine {
        let hints = state.prompt != nil ? ["Enter confirm · Esc cancel ", "Esc cancel "]
            : state.alertForm != nil ? ["Tab condition · Enter set alert · Esc cancel ", "Esc cancel "]
            : state.showingAlerts ? ["↑↓ select · x delete · A/Esc back · q quit ", "A back · q quit "]
            : state.focus == .search
            ? ["↑↓ select · Enter add · Tab/Esc watchlist · ^C quit ", "^C quit "]
            : state.connection == .live || state.connection == .connecting
                ? ["↑↓ move · [ ] lists · a alert · A alerts · s sort · d remove · / search · ? help · q quit ",
                   "↑↓ move · s sort · d remove · / search · ? help · q quit ", "? help · q quit "]
                : ["r reconnect · ↑↓ move · d remove · / search · q quit ", "r reconnect · q quit "]
        return bar(left: connectionSummary(state), right: hints.map { StyledLine($0) })
    }

    private func connectionSummary(_ state: WatchState) -> StyledLine {
        switch state.connection {
        case .connecting:
            return StyledLine([Span(" ◌ ", .color(.yellow, bold: true)), Span("connecting…")])
        case .live:
            let updated = state.lastUpdate.map { " · updated \(Formatting.time($0, in: timeZone))" } ?? ""
            return StyledLine([Span(" ● ", .color(.green, bold: true)), Span("live" + updated)])
        case .reconnecting(let attempt, let retryAt, let reason):
            let seconds = max(0, Int(retryAt.timeIntervalSince(state.now).rounded(.up)))
            let when = seconds > 0 ? "retry in \(seconds)s" : "retrying…"
            let since = state.lastUpdate.map { " from \(Formatting.time($0, in: timeZone))" } ?? ""
            let stale = state.watchlist.isEmpty ? "" : " · stale data\(since)"
            return StyledLine([Span(" ○ ", .color(.red, bold: true)),
                               Span("offline (\(reason)) · \(when), attempt \(attempt)\(stale)")])
        }
    }

    func helpBody() -> [StyledLine] {
        let keys: [(String, String)] = [
            ("type", "search (in the search bar)"),
            ("↑ ↓", "select a result / move in the watchlist (also j k, g G, PgUp PgDn)"),
            ("Enter", "add the selected result to the watchlist"),
            ("d, Delete", "remove the selected watchlist row"),
            ("s", "sort the watchlist: your order, ticker, name, last price, change % (in the watchlist)"),
            ("[ ]", "previous / next list (the tabs at the top)"),
            ("n, R, D", "new list / rename the list / delete the list (asks y/N; the last list stays)"),
            ("Shift-↑↓, K J", "move the selected row up / down (in your own order; the server keeps it)"),
            ("a", "set an alert on the selected row: type the value, Tab cycles the condition (or ↑ and 1-4), Enter"),
            ("A", "the alerts view, waiting and fired (x or Delete deletes the selected alert)"),
            ("r", "reconnect now, while offline (in the watchlist)"),
            ("Tab, Esc, /", "switch between the search bar and the watchlist"),
            ("Ctrl-U, Ctrl-W", "clear the search / delete its last word"),
            ("q, Ctrl-C", "quit (in the search bar q types a q; Ctrl-C always quits)"),
            ("?, F1", "this help"),
        ]
        var lines = [StyledLine(), StyledLine(" Keys", .bold)]
        for (key, meaning) in keys {
            lines.append(StyledLine([Span("   " + key.padding(toLength: 16, withPad: " ", startingAt: 0), .bold),
                                     Span(meaning)]))
        }
        lines += [StyledLine(),
                  StyledLine(" Change is measured from the previous close; colours show its sign. The line is the day so far.",
                             .dim),
                  StyledLine(), StyledLine(" Press any key to close this help.", .dim)]
        return lines
    }
}

extension Style {
    /// This style in bold.
    var bolded: Style {
        var style = self
        style.bold = true
        return style
    }
}
