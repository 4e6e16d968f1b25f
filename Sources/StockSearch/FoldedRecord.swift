import Dispatch
import Synchronization

/// A record's text folded and cut into words, before its words are interned: the pure part of preparing a
/// record for the index, so it can run on every core.
struct FoldedRecord: Sendable {
    /// A name or alias.
    struct Field: Sendable {
        var words: WordSplitter.SplitText
        /// The German `ae/oe/ue` spelling, when the text has an umlaut.
        var germanWords: WordSplitter.SplitText?
        /// The `Character` offset of the space after ` - ` (`Apple Inc. - Common Stock`), if any.
        var separatorOffset: Int?
    }

    /// The name, then the indexed aliases.
    var fields: [Field]
    var ticker: (key: [UInt32], forms: [[UInt32]], hasPunctuation: Bool)

    init(_ record: SearchRecord) {
        fields = []
        fields.reserveCapacity(1 + min(record.aliases.count, Posting.maxAliases))
        fields.append(Field(record.name))
        for alias in record.aliases.prefix(Posting.maxAliases) { fields.append(Field(alias)) }
        ticker = SearchIndexBuilder.foldedTicker(record.ticker)
    }

    /// Folds `records` on all cores, in chunks; the result is in the order of `records`.
    static func foldAll(_ records: [SearchRecord]) -> [FoldedRecord] {
        let chunkSize = 2_048
        let chunks = Mutex([[FoldedRecord]](repeating: [], count: (records.count + chunkSize - 1) / chunkSize))
        let chunkCount = chunks.withLock { $0.count }
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let folded = records[chunk * chunkSize..<min(records.count, (chunk + 1) * chunkSize)].map(FoldedRecord.init)
            chunks.withLock { $0[chunk] = folded }
        }
        return chunks.withLock { chunks in
            var all: [FoldedRecord] = []
            all.reserveCapacity(records.count)
            for chunk in chunks { all.append(contentsOf: chunk) }
            return all
        }
    }
}

extension FoldedRecord.Field {
    init(_ text: String) {
        words = WordSplitter.foldAndSplitText(text)
        if TextNormalizer.hasGermanUmlaut(text[...]) {
            let german = WordSplitter.foldAndSplitText(text, germanUmlauts: true)
            if german.words.count == words.words.count { germanWords = german }
        }
        separatorOffset = Self.separatorOffset(text)
    }

    /// The `Character` offset of the space after ` - `: found in the UTF-8 bytes, counted in `Character`s
    /// only when the text is not ASCII.
    private static func separatorOffset(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard bytes.count >= 3 else { return nil }
            var isASCII = true
            for index in 0..<bytes.count - 2 {
                let byte = bytes[index]
                if byte >= 0x80 { isASCII = false }
                guard byte == 0x20, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x20 else { continue }
                let offset = index + 2
                if isASCII { return offset }
                let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<offset]), as: UTF8.self)
                return prefix.count
            }
            return nil
        }
    }
}
