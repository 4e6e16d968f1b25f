extension Screen {
    /// The most columns one tab's name takes before it is cut with an ellipsis.
    static let tabNameWidth = 20

    /// The lists as tabs on one line (their names; the title below counts the active one's rows), the active
    /// one in reverse video. When they do not all fit, the tabs
    /// around the active one are shown, with `‹` / `›` where more are hidden; a lone tab too wide is cut.
    func tabsLine(_ state: WatchState) -> StyledLine {
        guard !state.lists.isEmpty else { return StyledLine(" Lists: loading…", .dim) }
        let tabs = state.lists.map { list in
            StyledLine.column(list.name, width: min(list.name.displayWidth, Self.tabNameWidth)).plainText
        }
        let active = state.lists.firstIndex { $0.id == state.activeListID } ?? 0
        let widths = tabs.map { $0.displayWidth + 3 }  // " name " and a separator
        let room = width - 1 - 4  // the leading space, room for both markers
        var first = active
        var last = active
        var used = widths[active]
        var grew = true
        while grew {  // one tab to the right, one to the left, while they fit
            grew = false
            if last + 1 < tabs.count, used + widths[last + 1] <= room {
                last += 1
                used += widths[last]
                grew = true
            }
            if first > 0, used + widths[first - 1] <= room {
                first -= 1
                used += widths[first]
                grew = true
            }
        }
        var line = StyledLine(first > 0 ? " ‹" : "  ", .dim)
        for index in first...last {
            let style = index == active
                ? Style(foreground: state.focus == .watchlist ? .cyan : nil, bold: true, reverse: true) : .plain
            line.append(" " + tabs[index] + " ", style)
            if index < last { line.append("│", .dim) }
        }
        if last < tabs.count - 1 { line.append(" ›", .dim) }
        let hint = StyledLine("  [ ] switch · n new · R rename · D delete ", .dim)
        return line.width + hint.width <= width ? line + hint : line.fitted(to: width)
    }

    /// The open prompt on the notice line: the name typed so far with a caret, or the deletion's question.
    func promptLine(_ prompt: ListPrompt) -> StyledLine {
        switch prompt {
        case .create(let name):
            return StyledLine([Span(" New list name: ", .bold), Span(name), Span(" ", .reverse),
                               Span("  Enter create · Esc cancel", .dim)])
        case .rename(_, let name):
            return StyledLine([Span(" Rename the list to: ", .bold), Span(name), Span(" ", .reverse),
                               Span("  Enter rename · Esc cancel", .dim)])
        case .confirmDelete(_, let name):
            return StyledLine([Span(" Delete the list “\(name)” and its securities? ", .color(.yellow, bold: true)),
                               Span("y/N", .bold)])
        }
    }
}
