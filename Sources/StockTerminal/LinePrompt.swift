import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One line asked for on the terminal, outside the full-screen client: the password before a TOTP change, a
/// code from the authenticator app.
public enum LinePrompt {
    /// Writes `prompt` to standard error and reads one line from standard input, without its line end; nil at the
    /// end of the input. With `hidden`, the terminal does not echo what is typed (when standard input is one).
    public static func read(_ prompt: String, hidden: Bool = false) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        let muted = hidden && isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &original) == 0
        if muted {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        let line = readLine(strippingNewline: true)
        if muted {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return line
    }
}
