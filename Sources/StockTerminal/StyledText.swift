/// The look of a run of text: a foreground colour and attributes, rendered as one SGR sequence.
public struct Style: Sendable, Hashable {
    /// The eight basic ANSI colours (the terminal's palette decides the exact shade).
    public enum Color: Int, Sendable, Hashable {
        case black = 0, red, green, yellow, blue, magenta, cyan, white
    }

    public var foreground: Color?
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init(
        foreground: Color? = nil, bold: Bool = false, dim: Bool = false, underline: Bool = false,
        reverse: Bool = false
    ) {
        self.foreground = foreground
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
    /// Matched characters in search results.
    public static let highlight = Style(foreground: .yellow, bold: true, underline: true)

    public static func color(_ color: Color, bold: Bool = false) -> Style { Style(foreground: color, bold: bold) }

    /// This style with reverse video on or off (selected rows, bars).
    public func reversed(_ on: Bool = true) -> Style {
        var style = self
        style.reverse = on
        return style
    }
}

/// A run of text in one style.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text.terminalSafe
        self.style = style
    }

    public var width: Int { text.displayWidth }
}

/// One screen line: spans side by side. `fitted(to:)` makes it exactly as wide as the screen.
public struct StyledLine: Sendable, Hashable, ExpressibleByStringLiteral {
    public var spans: [Span]

    public init(_ spans: [Span] = []) { self.spans = spans }
    public init(_ text: String, _ style: Style = .plain) { spans = [Span(text, style)] }
    public init(stringLiteral text: String) { self.init(text) }

    /// The text without styles, as a test (or `tmux capture-pane`) sees it.
    public var plainText: String { spans.map(\.text).joined() }

    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    public static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine { StyledLine(lhs.spans + rhs.spans) }

    /// Appends a span.
    public mutating func append(_ text: String, _ style: Style = .plain) { spans.append(Span(text, style)) }

    /// Exactly `width` columns: cut with an ellipsis when too wide (never splitting a wide character, padding
    /// the column it would have half-covered), padded with spaces in `padding` style when too narrow.
    public func fitted(to width: Int, padding: Style = .plain) -> StyledLine {
        guard width > 0 else { return StyledLine() }
        let total = self.width
        if total <= width {
            var line = self
            if total < width { line.spans.append(Span(String(repeating: " ", count: width - total), padding)) }
            return line
        }
        var result: [Span] = []
        var used = 0
        let room = width - 1  // the ellipsis takes the last column
        var lastStyle = spans.first?.style ?? padding
        outer: for span in spans {
            var kept = ""
            for character in span.text {
                let characterWidth = character.displayWidth
                if used + characterWidth > room {
                    if !kept.isEmpty { result.append(Span(kept, span.style)) }
                    lastStyle = span.style
                    break outer
                }
                kept.append(character)
                used += characterWidth
            }
            if !kept.isEmpty { result.append(Span(kept, span.style)) }
            lastStyle = span.style
        }
        result.append(Span(String(repeating: " ", count: room - used) + "…", lastStyle))
        return StyledLine(result)
    }

    /// The text cut or padded to `width` columns, aligned left or right.
    public static func column(_ text: String, width: Int, style: Style = .plain, alignRight: Bool = false)
        -> StyledLine
    {
        let line = StyledLine(text, style)
        let textWidth = line.width
        guard alignRight, textWidth < width else { return line.fitted(to: width, padding: style) }
        return StyledLine([Span(String(repeating: " ", count: width - textWidth), style), Span(text, style)])
    }
}
