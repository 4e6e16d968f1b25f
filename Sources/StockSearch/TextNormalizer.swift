import CICU

/// The search folding of text, done by ICU: NFKC, case folding, diacritics removed (the kana voicing marks
/// are kept), recomposed to NFC. `Société Générale` -> `societe generale`, `ＡＡＰＬ` -> `aapl`,
/// `Straße` -> `strasse`, `Сбербанк` -> `сбербанк`.
///
/// Punctuation is left in place here; `WordSplitter` folds it when text is cut into words.
public enum TextNormalizer {
    /// The folded form of `text`.
    public static func normalize(_ text: String) -> String {
        var source = text
        return source.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return "" }
            var capacity = utf8.count * 2 + 16
            while true {
                var needed: Int32 = 0
                let result = String(unsafeUninitializedCapacity: capacity) { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { chars in
                        needed = cicu_fold_utf8(base, Int32(utf8.count), chars.baseAddress, Int32(capacity), 0)
                    }
                    return needed >= 0 && Int(needed) <= capacity ? Int(needed) : 0
                }
                if needed < 0 { return "" }
                if Int(needed) <= capacity { return result }
                capacity = Int(needed)
            }
        }
    }

    /// The folded form of `text` as Unicode scalar values. With `germanUmlauts`, `ä`/`ö`/`ü` become
    /// `ae`/`oe`/`ue` instead of `a`/`o`/`u`.
    static func foldedScalars(_ text: Substring, germanUmlauts: Bool = false) -> [UInt32] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: NFKC case folding is lower-casing, and there is nothing else to fold.
            return text.utf8.map(lowercased)
        }
        var source = text
        return source.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return [] }
            let flags: Int32 = germanUmlauts ? CICU_GERMAN_UMLAUTS : 0
            var capacity = utf8.count + 16
            while true {
                var needed: Int32 = 0
                let result = [UInt32](unsafeUninitializedCapacity: capacity) { buffer, count in
                    needed = cicu_fold_utf32(base, Int32(utf8.count), buffer.baseAddress, Int32(capacity), flags)
                    count = needed >= 0 && Int(needed) <= capacity ? Int(needed) : 0
                }
                if needed < 0 { return [] }
                if Int(needed) <= capacity { return result }
                capacity = Int(needed)
            }
        }
    }

    /// An ASCII byte lower-cased, as a scalar value.
    static func lowercased(_ byte: UInt8) -> UInt32 {
        UInt32(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
    }

    /// Whether folding `text` with `germanUmlauts` can differ from folding it without.
    static func hasGermanUmlaut(_ text: Substring) -> Bool {
        // In UTF-8: `ä ö ü Ä Ö Ü` are C3 A4, C3 B6, C3 BC, C3 84, C3 96, C3 9C; the combining diaeresis
        // U+0308 is CC 88.
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch (previous, byte) {
            case (0xC3, 0xA4), (0xC3, 0xB6), (0xC3, 0xBC), (0xC3, 0x84), (0xC3, 0x96), (0xC3, 0x9C), (0xCC, 0x88):
                return true
            default: previous = byte
            }
        }
        return false
    }
}

extension String {
    /// Whether each `Character` is one ASCII byte, so that `Character` offsets are byte offsets: ASCII without
    /// `\r` (`\r\n` is one `Character`).
    var hasOneBytePerCharacter: Bool { utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
}
