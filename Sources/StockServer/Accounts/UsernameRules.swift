import Foundation
import StockStorage

/// What a user name may be, and the forms it is looked up in.
///
/// Every name is stored folded (`UsernameFolding`: case, width and compatibility forms folded), so `Alice`,
/// `ＡＬＩＣＥ` and `alice` are one name. A new name is refused (400) when it holds an invisible, control,
/// format or white-space character, or when its letters come from more than one script (`UsernameScripts`): the
/// look-alikes an attacker registers to pass for someone else (`аlice` with a Cyrillic `а`, `alice` with a zero
/// width space). Login applies none of these refusals, so every account registered under older rules still logs
/// in.
enum UsernameRules {
    /// The longest name, in Unicode scalars of its folded form (the stores' column allows as many).
    static let maximumLength = 64

    /// The stored forms a name given at login may be found under, in the order to try: the form of names the v3
    /// migration could not fold (when it differs), then the folded form. Throws a 400 for an empty or overlong
    /// name.
    static func lookupForms(_ raw: String) throws(APIError) -> [String] {
        let folded = UsernameFolding.fold(raw)
        let legacy = UsernameFolding.legacyForm(raw)
        guard !folded.isEmpty else { throw APIError(.badRequest, "the username must not be empty") }
        let forms = legacy == folded ? [folded] : [legacy, folded]
        guard forms.contains(where: { $0.unicodeScalars.count <= maximumLength }) else {
            throw APIError(.badRequest, "the username must be at most \(maximumLength) characters")
        }
        return forms
    }

    /// The stored form of a new name, or a 400 naming what is wrong with it.
    static func newName(_ raw: String) throws(APIError) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw APIError(.badRequest, "the username must not be empty") }
        if let scalar = trimmed.unicodeScalars.first(where: isInvisible) {
            throw APIError(
                .badRequest,
                "the username must not contain white space or invisible, control or format characters "
                    + "(it contains U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)))")
        }
        let name = UsernameFolding.fold(trimmed)
        guard name.unicodeScalars.count <= maximumLength else {
            throw APIError(.badRequest, "the username must be at most \(maximumLength) characters")
        }
        guard UsernameScripts.isSingleScript(name) else {
            throw APIError(
                .badRequest,
                "the username must use the letters of one script: it mixes scripts (such as Latin and look-alike "
                    + "Cyrillic or Greek letters) or uses a script user names do not allow")
        }
        return name
    }

    /// White space, controls, format characters (zero width spaces and joiners, bidirectional controls), other
    /// default-ignorable code points (the Hangul fillers, variation selectors), noncharacters, private-use and
    /// unassigned code points, and the blank Braille pattern: nothing a reader can see or tell apart.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isWhitespace || properties.isDefaultIgnorableCodePoint || properties.isNoncharacterCodePoint {
            return true
        }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
             .spaceSeparator:
            return true
        default:
            return scalar == "\u{2800}"
        }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
