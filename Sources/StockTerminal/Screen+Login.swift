extension Screen {
    /// The login or registration form, centred.
    func loginBody(_ state: WatchState) -> [StyledLine] {
        let form = state.login
        let boxWidth = min(32, width - 16)
        let indent = String(repeating: " ", count: max(2, (width - boxWidth - 14) / 2))
        var lines: [StyledLine] = Array(repeating: StyledLine(), count: max(1, (height - 14) / 2))
        let heading = form.registering ? "Create an account on \(state.server)" : "Log in to \(state.server)"
        lines.append(StyledLine(indent + heading, .bold))
        lines.append(StyledLine())
        for field in form.fields {
            let (label, value): (String, String) = switch field {
            case .username: ("Username", form.username)
            case .password: ("Password", "")  // never echoed
            case .totp: ("TOTP code", form.totp)
            }
            let focused = field == form.field
            var line = StyledLine(indent + (focused ? "▸ " : "  "), .bold)
            line.append(label.padding(toLength: 11, withPad: " ", startingAt: 0), focused ? .bold : .plain)
            line = line + inputBox(value, width: boxWidth, focused: focused)
            if field == .password, !form.password.isEmpty { line.append("  (hidden)", .dim) }
            lines.append(line)
        }
        lines.append(StyledLine())
        if let message = form.message {
            lines.append(StyledLine(indent + message.text, .color(message.isError ? .red : .green)))
        } else if form.registering {
            lines.append(StyledLine(indent + "Choose a user name and a password.", .dim))
        } else {
            lines.append(StyledLine(indent + "No account yet? Ctrl-R creates one.", .dim))
        }
        return lines
    }

    /// An underlined field showing the end of `value` and, when focused, a block caret.
    private func inputBox(_ value: String, width: Int, focused: Bool) -> StyledLine {
        let field = Style(underline: true)
        var visible = ""
        var used = focused ? 1 : 0
        for character in value.reversed() {
            guard used + character.displayWidth <= width else { break }
            visible.insert(character, at: visible.startIndex)
            used += character.displayWidth
        }
        var line = StyledLine(visible, field)
        if focused { line.append(" ", Style(underline: true, reverse: true)) }
        return line.fitted(to: width, padding: field)
    }
}
