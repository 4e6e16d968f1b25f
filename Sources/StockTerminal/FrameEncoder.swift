/// Turns frames into ANSI escape sequences, rewriting only the lines that changed since the last frame.
///
/// Every frame becomes one string (written with one `write`), and no line is ever cleared before it is
/// redrawn, so the screen never flickers. After a resize, `invalidate()` makes the next frame a full redraw.
public struct FrameEncoder: Sendable {
    private var previous: [String] = []
    private var needsClear = true

    public init() {}

    /// Forgets what is on screen: the next frame clears it and draws every line.
    public mutating func invalidate() {
        previous = []
        needsClear = true
    }

    /// The bytes that turn the screen from the previous frame into `lines`; empty when nothing changed.
    public mutating func encode(_ lines: [StyledLine]) -> String {
        let encoded = lines.map(Self.encode)
        var output = needsClear ? "\u{1B}[0m\u{1B}[2J" : ""
        for (row, line) in encoded.enumerated() where needsClear || row >= previous.count || previous[row] != line {
            output += "\u{1B}[\(row + 1);1H" + line
        }
        previous = encoded
        needsClear = false
        return output
    }

    /// One line: an SGR sequence before each span whose style differs from the one before, reset at the end.
    static func encode(_ line: StyledLine) -> String {
        var output = ""
        var current = Style.plain
        for span in line.spans where !span.text.isEmpty {
            if span.style != current {
                output += sgr(span.style)
                current = span.style
            }
            output += span.text
        }
        return current == .plain ? output : output + "\u{1B}[0m"
    }

    /// `ESC [ 0 ; ... m`: reset, then the style's attributes.
    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if let color = style.foreground { codes.append("\(30 + color.rawValue)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
