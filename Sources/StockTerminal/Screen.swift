import Foundation

/// The whole screen as a pure function of the state: exactly `height` lines of exactly `width` columns.
public struct Screen: Sendable {
    public var width: Int
    public var height: Int
    /// The zone times are shown in.
    public var timeZone: TimeZone

    /// The smallest screen the client draws on; below it says so.
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public init(width: Int, height: Int, timeZone: TimeZone = .current) {
        self.width = width
        self.height = height
        self.timeZone = timeZone
    }

    /// The lines of the frame for `state`.
    public func render(_ state: WatchState) -> [StyledLine] {
        guard width > 0, height > 0 else { return [] }
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            return frame([StyledLine("Terminal too small: \(width)×\(height), needs "
                + "\(Self.minimumWidth)×\(Self.minimumHeight)", .bold)])
        }
        let body: [StyledLine]
        let status: StyledLine
        switch state.page {
        case .login:
            body = loginBody(state)
            let other = state.login.registering ? "log in" : "register"
            status = bar(left: StyledLine(" \(state.server)"),
                         right: [StyledLine("Enter submit · Tab next field · Ctrl-R \(other) · Esc quit "),
                                 StyledLine("Esc quit ")])
        case .main:
            body = state.showingHelp ? helpBody() : state.showingAlerts ? alertsBody(state) : mainBody(state)
            status = statusBar(state)
        }
        return frame([titleBar(state)] + body.prefix(height - 3) + [noticeLine(state), status])
    }

    /// Pads the middle so that the last two lines sit at the bottom, and fits every line to the width.
    private func frame(_ lines: [StyledLine]) -> [StyledLine] {
        var lines = lines
        if lines.count < height, lines.count >= 2 {
            let tail = lines.suffix(2)
            lines = Array(lines.dropLast(2)) + Array(repeating: StyledLine(), count: height - lines.count) + tail
        }
        if lines.count < height { lines += Array(repeating: StyledLine(), count: height - lines.count) }
        return lines.prefix(height).enumerated().map { index, line in
            let isBar = index == 0 || index == height - 1
            return line.fitted(to: width, padding: isBar ? .reverse : .plain)
        }
    }

    private func titleBar(_ state: WatchState) -> StyledLine {
        let who = state.username.map { " · \($0)" } ?? ""
        return bar(left: StyledLine([Span(" Stock Tracker", Style(bold: true, reverse: true)),
                                     Span(who, .reverse)]),
                   right: [StyledLine(Formatting.time(state.now, in: timeZone) + " ")])
    }

    /// A reverse-video bar: `left`, then against the right edge the first of `right` that fits beside it
    /// (longest first); none when none fits.
    func bar(left: StyledLine, right: [StyledLine]) -> StyledLine {
        let reversed = { (line: StyledLine) in
            StyledLine(line.spans.map { Span($0.text, $0.style.reversed()) })
        }
        let room = width - min(left.width, width)
        guard let right = right.first(where: { room >= $0.width + 2 }) else {
            return reversed(left).fitted(to: width, padding: .reverse)
        }
        let gap = StyledLine(String(repeating: " ", count: room - right.width), .reverse)
        return reversed(left) + gap + reversed(right)
    }

    private func noticeLine(_ state: WatchState) -> StyledLine {
        if state.page == .main, let prompt = state.prompt { return promptLine(prompt) }
        let notice = state.page == .login ? nil : state.notice
        guard let notice else { return StyledLine() }
        return StyledLine(" " + notice.text, .color(notice.isError ? .red : .green))
    }
}
