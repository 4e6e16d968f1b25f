#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        /// The initials of each word when a word in camel case has several (`Initialism.initials`).
        var initials: [[UInt32]]?
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

    /// Processors online.
    private static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Records folded per chunk of this many.
    static let chunkSize = 2_048

    /// Folds `records` in chunks on every core and hands the chunks to `consume`, in the order of `records`, on
    /// the calling thread, each as soon as it is folded: the caller's sequential work on one chunk overlaps the
    /// folding of the next ones, and the caller folds too whenever the next chunk is not ready.
    static func foldInOrder(_ records: [SearchRecord], consume: (Range<Int>, [FoldedRecord]) -> Void) {
        let chunkCount = (records.count + chunkSize - 1) / chunkSize
        guard chunkCount > 0 else { return }
        let work = FoldingWork(chunkCount: chunkCount)
        let fold = { @Sendable (chunk: Int) in
            let folded = records[work.range(of: chunk, in: records.count)].map(FoldedRecord.init)
            work.state.withLock { $0.folded[chunk] = folded }
            work.progress.signal()
        }
        // Helpers on every other core: the caller takes the last one (more threads than cores would preempt its
        // sequential work, which is the critical path).
        let helpers = DispatchGroup()
        let helperCount = max(1, min(chunkCount, Self.processorCount - 1))
        DispatchQueue.global().async(group: helpers) {
            DispatchQueue.concurrentPerform(iterations: helperCount) { _ in
                while let chunk = work.claim() { fold(chunk) }
            }
        }
        for next in 0..<chunkCount {
            while true {
                if let folded = work.state.withLock({ $0.folded[next].take() }) {
                    consume(work.range(of: next, in: records.count), folded)
                    break
                }
                if let chunk = work.claim() { fold(chunk) } else { work.progress.wait() }
            }
        }
        helpers.wait()
    }
}

/// The shared state of `FoldedRecord.foldInOrder`.
private final class FoldingWork: Sendable {
    struct State {
        var nextToFold = 0
        var folded: [[FoldedRecord]?]
    }

    let state: Mutex<State>
    /// Signalled each time a chunk is folded.
    let progress = DispatchSemaphore(value: 0)

    init(chunkCount: Int) {
        state = Mutex(State(folded: Array(repeating: nil, count: chunkCount)))
    }

    /// The next chunk nobody folds yet, if any.
    func claim() -> Int? {
        state.withLock { state in
            guard state.nextToFold < state.folded.count else { return nil }
            defer { state.nextToFold += 1 }
            return state.nextToFold
        }
    }

    func range(of chunk: Int, in count: Int) -> Range<Int> {
        chunk * FoldedRecord.chunkSize..<min(count, (chunk + 1) * FoldedRecord.chunkSize)
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
        initials = Initialism.initials(of: text, words: words)
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
