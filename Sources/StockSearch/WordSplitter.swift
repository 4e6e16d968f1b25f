/// One word of folded text and where it came from in the original text.
struct SplitWord: Sendable {
    /// The folded scalars of the word, punctuation removed.
    var scalars: [UInt32]
    /// Offset of the word's first `Character` in the original text.
    var characterStart: Int
    /// Number of original `Character`s the word spans.
    var characterCount: Int
}

/// Cuts folded text into words and folds punctuation: letters, digits and marks make words; apostrophes
/// vanish (`L'Oréal` -> `loreal`); single letters written with dots join (`S.A.` -> `sa`, `N.V.` -> `nv`);
/// every other character separates words (`Coca-Cola` -> `coca cola`, `BRK/B` -> `brk b`, `AT&T` -> `at t`).
enum WordSplitter {
    /// Folded text cut into words whose scalars are stored back to back.
    struct SplitText {
        struct Word {
            /// The word's scalars in `scalars`.
            var range: Range<Int>
            var characterStart: Int
            var characterCount: Int
        }

        var scalars: [UInt32] = []
        var words: [Word] = []

        /// The text without the words that repeat an earlier one (scalar for scalar), or nil when no word
        /// repeats. The words kept keep their character offsets.
        func withoutRepeatedWords() -> SplitText? {
            guard words.count > 1 else { return nil }
            func equal(_ a: Word, _ b: Word) -> Bool {
                a.range.count == b.range.count && scalars[a.range].elementsEqual(scalars[b.range])
            }
            guard let firstRepeat = words.indices.dropFirst().first(where: { index in
                words[..<index].contains { equal($0, words[index]) }
            }) else { return nil }
            var text = SplitText()
            text.words = Array(words[..<firstRepeat])
            text.scalars = Array(scalars[..<words[firstRepeat - 1].range.upperBound])
            // Each later word is compared with the words kept only, so a word typed 50 times costs 50 comparisons.
            for var word in words[(firstRepeat + 1)...] where !text.words.contains(where: { kept in
                kept.range.count == word.range.count && text.scalars[kept.range].elementsEqual(scalars[word.range])
            }) {
                let start = text.scalars.count
                text.scalars.append(contentsOf: scalars[word.range])
                word.range = start..<text.scalars.count
                text.words.append(word)
            }
            return text
        }

        /// The words separated by single spaces.
        var spacedScalars: [UInt32] {
            var spaced: [UInt32] = []
            spaced.reserveCapacity(scalars.count + words.count)
            for word in words {
                if !spaced.isEmpty { spaced.append(0x20) }
                spaced.append(contentsOf: scalars[word.range])
            }
            return spaced
        }

        var splitWords: [SplitWord] {
            words.map { SplitWord(scalars: Array(scalars[$0.range]), characterStart: $0.characterStart,
                                  characterCount: $0.characterCount) }
        }
    }

    /// The words of folded scalars; `origins[i]` is the original `Character` offset of `folded[i]`.
    static func split(_ folded: [UInt32], origins: [Int32]? = nil) -> [SplitWord] {
        splitText(folded, origins: origins).splitWords
    }

    /// `split`, with the words' scalars back to back.
    static func splitText(_ folded: [UInt32], origins: [Int32]? = nil) -> SplitText {
        var text = SplitText()
        text.scalars.reserveCapacity(folded.count)
        text.words.reserveCapacity(folded.count / 4 + 2)
        let origin = { (index: Int) -> Int in origins.map { Int($0[index]) } ?? index }
        var wordStart = -1  // index in `folded` of the current word's first scalar, or -1 between words
        var wordEnd = 0
        var outputStart = 0
        // A single letter directly followed by a dot joins the single letter after that dot (`s.a.`).
        var joinCandidate = false
        var previousSingleEndedByDot = false
        var lastDotIndex = -2
        var index = 0
        while index <= folded.count {
            switch index < folded.count ? classify(folded[index]) : .separator {
            case .word:
                if wordStart < 0 {
                    wordStart = index
                    outputStart = text.scalars.count
                    joinCandidate = previousSingleEndedByDot && lastDotIndex == index - 1
                        && text.words.last.map { $0.range.count <= 8 } == true
                    previousSingleEndedByDot = false
                }
                text.scalars.append(folded[index])
                wordEnd = index
            case .joiner:
                break
            case .separator:
                guard wordStart >= 0 else {
                    previousSingleEndedByDot = false
                    break
                }
                let length = text.scalars.count - outputStart
                let characterStart = origin(wordStart)
                let characterEnd = origin(wordEnd) + 1
                if joinCandidate, length == 1, let previous = text.words.last {
                    // The letter follows the previous word's scalars directly in `scalars`.
                    text.words[text.words.count - 1].range = previous.range.lowerBound..<text.scalars.count
                    text.words[text.words.count - 1].characterCount = characterEnd - previous.characterStart
                } else {
                    text.words.append(SplitText.Word(range: outputStart..<text.scalars.count,
                                                     characterStart: characterStart,
                                                     characterCount: max(1, characterEnd - characterStart)))
                }
                previousSingleEndedByDot = length == 1 && index < folded.count && folded[index] == 0x2E
                lastDotIndex = previousSingleEndedByDot ? index : -2
                wordStart = -1
            }
            index += 1
        }
        return text
    }

    /// Folds `text` (ICU, see `TextNormalizer`) and cuts it into words that remember their original
    /// `Character` offsets. ASCII runs are folded by lower-casing, which is exactly what NFKC case folding
    /// does to ASCII.
    static func foldAndSplit(_ text: String, germanUmlauts: Bool = false) -> [SplitWord] {
        foldAndSplitText(text, germanUmlauts: germanUmlauts).splitWords
    }

    /// `foldAndSplit`, with the words' scalars back to back.
    static func foldAndSplitText(_ text: String, germanUmlauts: Bool = false) -> SplitText {
        if text.hasOneBytePerCharacter {
            // Scalar offsets are `Character` offsets, and folding ASCII is lower-casing.
            return splitText(TextNormalizer.foldedScalars(text[...]))
        }
        var folded: [UInt32] = []
        var origins: [Int32] = []
        folded.reserveCapacity(text.utf8.count)
        origins.reserveCapacity(text.utf8.count)
        var runStart = text.startIndex
        var runStartOffset = 0
        var offset = 0
        var index = text.startIndex

        func flushNonASCII(upTo end: String.Index, endOffset: Int) {
            guard runStart < end else { return }
            let run = TextNormalizer.foldedScalars(text[runStart..<end], germanUmlauts: germanUmlauts)
            let characters = endOffset - runStartOffset
            for (i, scalar) in run.enumerated() {
                folded.append(scalar)
                let within = run.count == characters ? i : i * characters / max(1, run.count)
                origins.append(Int32(runStartOffset + within))
            }
        }

        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character.isASCII {
                flushNonASCII(upTo: index, endOffset: offset)
                for scalar in character.unicodeScalars {
                    var value = scalar.value
                    if value >= 0x41 && value <= 0x5A { value += 0x20 }
                    folded.append(value)
                    origins.append(Int32(offset))
                }
                runStart = next
                runStartOffset = offset + 1
            }
            index = next
            offset += 1
        }
        flushNonASCII(upTo: text.endIndex, endOffset: offset)
        return splitText(folded, origins: origins)
    }

    private enum Kind { case word, joiner, separator }

    private static func classify(_ value: UInt32) -> Kind {
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x61...0x7A, 0x41...0x5A: return .word
            case 0x27, 0x60: return .joiner
            default: return .separator
            }
        }
        switch value {
        case 0x2019, 0x2BC, 0x2018: return .joiner
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .word
        default: return .separator
        }
    }
}
