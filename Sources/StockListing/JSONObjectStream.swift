/// Reads a JSON array of flat objects (values: strings, numbers, `true`, `false`, `null`) one object at a time
/// from a `ByteReader`, so the array is never held whole. An object whose strings are not valid UTF-8, or longer
/// than `maxFieldBytes`, or that is larger than `maxJSONObjectBytes`, is returned as a problem and skipped; broken
/// JSON (where nothing after it could be trusted) throws `ListingError.malformedJSON` with its line.
struct JSONObjectStream {
    /// One element of the array: every member whose value is not `null` (numbers and `true`/`false` as their
    /// JSON text), with the line on which the object starts.
    typealias Element = ListingRow<[String: String]>

    private let bytes: ByteReader
    private let fileName: String
    private let limits: ListingLimits
    private var line = 1
    /// Bytes consumed so far, to bound the size of one object.
    private var consumed = 0
    private var started = false
    private var finished = false

    init(bytes: ByteReader, fileName: String, limits: ListingLimits) {
        self.bytes = bytes
        self.fileName = fileName
        self.limits = limits
    }

    private func malformed(_ reason: String) -> ListingError {
        ListingError.malformedJSON(file: fileName, line: line, reason: reason)
    }

    private mutating func nextByte() throws -> UInt8 {
        guard let byte = try bytes.next() else { throw malformed("the JSON ends too early") }
        consumed += 1
        if byte == UInt8(ascii: "\n") { line += 1 }
        return byte
    }

    /// Skips white space and returns the next byte without consuming it; nil at the end.
    private mutating func peekSignificant() throws -> UInt8? {
        while let byte = try bytes.peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): _ = try nextByte()
            default: return byte
            }
        }
        return nil
    }

    private mutating func expect(_ expected: Unicode.Scalar, _ what: String) throws {
        guard try peekSignificant() == UInt8(ascii: expected) else { throw malformed("expected \(what)") }
        _ = try nextByte()
    }

    /// The next element, or nil after the closing bracket.
    mutating func next() throws -> Element? {
        if finished { return nil }
        if !started {
            started = true
            if try bytes.startsWithByteOrderMark() {
                for _ in 0..<3 { _ = try bytes.next() }
            }
            try expect("[", "`[` opening the array of securities")
            if try peekSignificant() == UInt8(ascii: "]") { return try finish() }
        } else {
            switch try peekSignificant() {
            case UInt8(ascii: ","): _ = try nextByte()
            case UInt8(ascii: "]"): return try finish()
            default: throw malformed("expected `,` or `]` after an object")
            }
        }
        guard try peekSignificant() == UInt8(ascii: "{") else { throw malformed("expected an object") }
        return try object()
    }

    private mutating func finish() throws -> Element? {
        _ = try nextByte()
        finished = true
        guard try peekSignificant() == nil else { throw malformed("text after the closing `]`") }
        return nil
    }

    /// Reads one object; the opening brace is next.
    private mutating func object() throws -> Element {
        let start = (line: line, consumed: consumed)
        _ = try nextByte()
        var members = [String: String]()
        var problem: String?
        if try peekSignificant() == UInt8(ascii: "}") {
            _ = try nextByte()
            return Element(line: start.line, content: .value(members))
        }
        while true {
            try expect("\"", "a member name in quotes")
            let key = try string()
            try expect(":", "`:` after a member name")
            let value = try value()
            if consumed - start.consumed > limits.maxJSONObjectBytes {
                problem = problem ?? "the object is larger than \(limits.maxJSONObjectBytes) bytes"
            }
            switch (key, value) {
            case (.failure(let failure), _), (_, .failure(let failure)): problem = problem ?? failure.reason
            case (.success(let key), .success(let value?)) where problem == nil: members[key] = value
            default: break
            }
            switch try peekSignificant() {
            case UInt8(ascii: ","): _ = try nextByte()
            case UInt8(ascii: "}"):
                _ = try nextByte()
                return Element(line: start.line, content: problem.map { .problem($0) } ?? .value(members))
            default: throw malformed("expected `,` or `}` in an object")
            }
        }
    }

    /// A member value: its text, nil for `null`, or why the object is skipped.
    private mutating func value() throws -> Result<String?, StringProblem> {
        switch try peekSignificant() {
        case UInt8(ascii: "\""):
            _ = try nextByte()
            return try string().map { Optional($0) }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw malformed("a nested object or array (a screener security has only flat values)")
        case let byte?:
            var literal = [UInt8]()
            var next: UInt8? = byte
            while let byte = next, Self.isLiteralByte(byte) {
                guard literal.count < limits.maxFieldBytes else {
                    throw malformed("a value longer than \(limits.maxFieldBytes) bytes")
                }
                literal.append(try nextByte())
                next = try bytes.peek()
            }
            let text = String(decoding: literal, as: UTF8.self)
            switch text {
            case "null": return .success(nil)
            case "true", "false": return .success(text)
            default:
                guard Self.isNumber(literal) else { throw malformed("expected a value") }
                return .success(text)
            }
        case nil:
            throw malformed("the JSON ends too early")
        }
    }

    private static func isLiteralByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// A JSON number: `-`?, digits (no leading zero), an optional fraction and exponent.
    private static func isNumber(_ bytes: [UInt8]) -> Bool {
        var rest = bytes[...]
        func digits() -> Int {
            let count = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            rest = rest.dropFirst(count)
            return count
        }
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let leadingZero = rest.first == UInt8(ascii: "0")
        let integer = digits()
        guard integer > 0, !(leadingZero && integer > 1) else { return false }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            guard digits() > 0 else { return false }
        }
        if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return rest.isEmpty
    }

    /// Why a string value makes its object be skipped.
    struct StringProblem: Error {
        var reason: String
    }

    /// Reads a string after its opening quote: its text, or why it cannot be kept.
    private mutating func string() throws -> Result<String, StringProblem> {
        var text = [UInt8]()
        var problem: String?
        func append(_ bytes: some Sequence<UInt8>) {
            guard problem == nil else { return }
            text += bytes
            if text.count > limits.maxFieldBytes { problem = "a string is longer than \(limits.maxFieldBytes) bytes" }
        }
        while true {
            let byte = try nextByte()
            switch byte {
            case UInt8(ascii: "\""):
                if let problem { return .failure(StringProblem(reason: problem)) }
                guard let string = String(validating: text, as: UTF8.self) else {
                    return .failure(StringProblem(reason: "a string is not valid UTF-8"))
                }
                return .success(string)
            case UInt8(ascii: "\\"):
                switch try nextByte() {
                case UInt8(ascii: "\""): append([UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): append([UInt8(ascii: "\\")])
                case UInt8(ascii: "/"): append([UInt8(ascii: "/")])
                case UInt8(ascii: "b"): append([0x08])
                case UInt8(ascii: "f"): append([0x0C])
                case UInt8(ascii: "n"): append([0x0A])
                case UInt8(ascii: "r"): append([0x0D])
                case UInt8(ascii: "t"): append([0x09])
                case UInt8(ascii: "u"):
                    switch try escapedScalar() {
                    case nil: problem = problem ?? "a string holds an unpaired UTF-16 surrogate"
                    case "\0": problem = problem ?? "a string holds a NUL character"
                    case let scalar?: append(Array(String(Character(scalar)).utf8))
                    }
                default: throw malformed("an unknown escape in a string")
                }
            case 0..<0x20:
                throw malformed("a control character inside a string")
            default:
                append([byte])
            }
        }
    }

    /// Reads the four hex digits after `\u` (and a low surrogate's `\uXXXX` after a high one); nil for an unpaired
    /// surrogate.
    private mutating func escapedScalar() throws -> Unicode.Scalar? {
        let unit = try hexUnit()
        guard (0xD800..<0xDC00).contains(unit) else { return Unicode.Scalar(unit) }
        guard try bytes.peek() == UInt8(ascii: "\\"), try bytes.peek(1) == UInt8(ascii: "u") else { return nil }
        _ = try nextByte()
        _ = try nextByte()
        let low = try hexUnit()
        guard (0xDC00..<0xE000).contains(low) else { return nil }
        return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
    }

    private mutating func hexUnit() throws -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(try nextByte())).hexDigitValue else {
                throw malformed("`\\u` without four hex digits")
            }
            unit = unit << 4 | UInt32(digit)
        }
        return unit
    }
}
