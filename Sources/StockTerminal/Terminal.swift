#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The controlling terminal in raw mode on the alternate screen, with the cursor hidden.
///
/// `restore()` puts everything back (cooked mode, main screen, cursor, autowrap); it is idempotent, and the
/// runtime calls it on every way out: quitting, Ctrl-C, SIGTERM/SIGHUP and errors.
public final class Terminal {
    private let input: Int32
    private let output: Int32
    private var original: termios
    private var active = false

    /// Switches the terminal on `input`/`output` to raw mode and the alternate screen.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws(TerminalError) {
        self.input = input
        self.output = output
        guard isatty(input) == 1, isatty(output) == 1 else { throw .notATerminal }
        var settings = termios()
        guard tcgetattr(input, &settings) == 0 else { throw .notATerminal }
        original = settings
        // Raw mode as cfmakeraw, but output processing stays on; no signals from keys (Ctrl-C arrives as a key).
        settings.c_iflag &= ~tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON)
        settings.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN)
        settings.c_cflag &= ~tcflag_t(CSIZE | PARENB)
        settings.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &settings.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSAFLUSH, &settings) == 0 else { throw .notATerminal }
        active = true
        // Alternate screen, hidden cursor, no autowrap (a full last column must not scroll the screen).
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[H\u{1B}[2J")
    }

    deinit { restore() }

    /// The size in columns and rows (80×24 when the terminal does not say).
    public var size: (width: Int, height: Int) {
        var window = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return (80, 24)
        }
        return (Int(window.ws_col), Int(window.ws_row))
    }

    /// Writes all of `text` (retrying short writes and interruptions).
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                posixWrite(output, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                guard errno == EINTR || errno == EAGAIN else { return }
                continue
            }
            offset += written
        }
    }

    /// Back to cooked mode, the main screen and a visible cursor. Safe to call more than once.
    public func restore() {
        guard active else { return }
        active = false
        write("\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l")
        tcsetattr(input, TCSAFLUSH, &original)
    }
}

/// `write(2)`, out of reach of `Terminal.write(_:)`'s name.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Why the terminal could not be set up.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal

    public var description: String {
        switch self {
        case .notATerminal: "stocktracker watch needs an interactive terminal (stdin and stdout must be a tty)"
        }
    }
}
