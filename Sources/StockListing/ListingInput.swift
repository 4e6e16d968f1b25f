import Foundation

/// The bytes of one listing file, read a chunk at a time: a file is never held whole in memory. A class, so that
/// the readers built on it share one position.
final class ByteReader {
    /// Bytes read from a file at a time.
    static let fileChunkBytes = 65_536

    private let nextChunk: () throws -> [UInt8]
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    /// Reads `path` in chunks of `fileChunkBytes`.
    static func file(path: String) throws -> ByteReader {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw ListingError.unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        return ByteReader {
            do {
                return try [UInt8](handle.read(upToCount: fileChunkBytes) ?? Data())
            } catch {
                throw ListingError.unreadable(file: path, reason: (error as NSError).localizedDescription)
            }
        }
    }

    /// Reads bytes held in memory, `chunkBytes` at a time (small chunks let tests cross chunk boundaries).
    static func memory<Bytes: Collection<UInt8>>(_ bytes: Bytes, chunkBytes: Int = fileChunkBytes) -> ByteReader {
        var rest = bytes[...]
        let size = max(1, chunkBytes)
        return ByteReader {
            let chunk = rest.prefix(size)
            rest = rest.dropFirst(size)
            return Array(chunk)
        }
    }

    private init(_ nextChunk: @escaping () throws -> [UInt8]) {
        self.nextChunk = nextChunk
    }

    /// Makes at least `count` unread bytes available unless the input ends first; false when it ends.
    private func fill(_ count: Int) throws -> Bool {
        while buffer.count - position < count && !atEnd {
            let chunk = try nextChunk()
            if chunk.isEmpty { atEnd = true; break }
            buffer.removeSubrange(..<position)
            position = 0
            buffer += chunk
        }
        return buffer.count - position >= count
    }

    /// The unread byte `offset` places ahead, without consuming it; nil past the end.
    func peek(_ offset: Int = 0) throws -> UInt8? {
        try fill(offset + 1) ? buffer[position + offset] : nil
    }

    /// True when the unread bytes start with a UTF-8 byte order mark (3 bytes); nothing is consumed.
    func startsWithByteOrderMark() throws -> Bool {
        try peek(0) == 0xEF && peek(1) == 0xBB && peek(2) == 0xBF
    }

    /// Consumes and returns the next byte; nil at the end.
    func next() throws -> UInt8? {
        guard try fill(1) else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// Consumes bytes up to and including the next LF (or to the end) and returns them without the LF and a
    /// preceding CR, keeping at most `limit` of them (`tooLong` says that more were dropped). Nil at the end.
    func nextLine(limit: Int) throws -> (bytes: [UInt8], tooLong: Bool)? {
        guard try fill(1) else { return nil }
        var line: [UInt8] = []
        var tooLong = false
        while try fill(1) {
            let newline = buffer[position...].firstIndex(of: 0x0A)
            let piece = buffer[position..<(newline ?? buffer.count)]
            if !tooLong && line.count + piece.count <= limit + 1 {
                line += piece
            } else {
                tooLong = true
                line = []
            }
            position = newline.map { $0 + 1 } ?? buffer.count
            if newline != nil { break }
        }
        if line.last == 0x0D { line.removeLast() }
        return (line, tooLong || line.count > limit)
    }
}

/// One row of a listing file (a physical line, a CSV row, a screener object) and the line it starts on: what it
/// holds, or why it is skipped.
struct ListingRow<Value> {
    enum Content {
        case value(Value)
        /// The row is skipped; the message says why.
        case problem(String)
    }

    /// The 1-based line on which the row starts.
    var line: Int
    var content: Content
}

/// One physical line, decoded, or why it cannot be (too long, holding a NUL byte, not UTF-8).
typealias ListingLine = ListingRow<String>

/// Splits a `ByteReader` into numbered lines (LF or CRLF), each at most `maxLineBytes` long; a UTF-8 byte order
/// mark on the first line is dropped.
struct LineReader {
    private let bytes: ByteReader
    private let limits: ListingLimits
    private var number = 0

    init(bytes: ByteReader, limits: ListingLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func next() throws -> ListingLine? {
        guard case (var line, let tooLong)? = try bytes.nextLine(limit: limits.maxLineBytes) else { return nil }
        number += 1
        if number == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        let content: ListingLine.Content
        if tooLong {
            content = .problem("the line is longer than \(limits.maxLineBytes) bytes")
        } else if line.contains(0) {
            content = .problem("the line holds a NUL byte")
        } else if let text = String(validating: line, as: UTF8.self) {
            content = .value(text)
        } else {
            content = .problem("the line is not valid UTF-8")
        }
        return ListingLine(line: number, content: content)
    }
}
