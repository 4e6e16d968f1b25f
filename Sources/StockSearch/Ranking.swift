#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The order of results: a tier per kind of match, then a sub-score inside the tier (edit distance,
/// ticker length), then the document id, which is the record's static rank (see `StaticRank`).
enum Tier: UInt64, Comparable {
    case code = 0, exactTicker, exactName, initialism, tickerPrefix, namePrefix, minorInitialism, wordPrefix, substring
    case typo, partial

    static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }

    var kind: MatchKind {
        switch self {
        case .code: .isin
        case .exactTicker: .exactTicker
        case .exactName: .exactName
        case .tickerPrefix: .tickerPrefix
        case .namePrefix: .namePrefix
        case .initialism, .minorInitialism: .initialism
        case .wordPrefix: .wordPrefix
        case .substring, .typo: .fuzzy
        case .partial: .partial
        }
    }
}

/// A candidate result packed into one integer so that sorting candidates ranks them:
/// tier (4 bits) | sub-score (12 bits) | document (27 bits) | field (5 bits).
struct Candidate: Comparable {
    let packed: UInt64

    init(tier: Tier, score: Int, entry: UInt32) {
        packed = tier.rawValue << 44 | UInt64(min(score, 0xFFF)) << 32 | UInt64(entry)
    }

    var tier: Tier { Tier(rawValue: packed >> 44)! }
    var score: Int { Int(packed >> 32 & 0xFFF) }
    var entry: UInt32 { UInt32(truncatingIfNeeded: packed) }
    var document: UInt32 { Posting.document(entry) }
    var field: UInt32 { Posting.field(entry) }

    static func < (a: Candidate, b: Candidate) -> Bool { a.packed < b.packed }
}

/// The query-independent order of records, used to break ties: primary listings first (common stock
/// before ETFs, depositary receipts and then warrants, units, rights, preferreds and notes; a plain ticker
/// before a foreign secondary listing such as `APC.DE`), then larger market caps (in steps of a factor
/// `√2`; unknown caps last), then shorter core names, names and tickers; the builder breaks the remaining
/// ties by the tickers' text.
struct StaticRank {
    static let derivativeWords = [
        "warrant", "warrants", "unit", "units", "right", "rights", "preferred", "pref", "pfd", "notes", "note",
        "debentures", "debenture", "subordinated", "cumulative", "perpetual",
    ]
    static let receiptWords = ["depositary", "depository", "adr", "ads"]

    /// Security class, secondary listing, popularity, core name length, name length and ticker length, packed
    /// so that one integer comparison orders them.
    let key: UInt64

    /// `isDerivative`: the name or ticker says warrant, unit, right, preferred or note; `isReceipt`: the
    /// name says depositary receipt.
    init(record: SearchRecord, isDerivative: Bool, isReceipt: Bool, coreLength: Int) {
        let ticker = record.ticker
        let securityClass: Int
        if isDerivative || ticker.contains("$") || ticker.hasSuffix(".W") || ticker.hasSuffix(".U")
            || ticker.hasSuffix(".R") || ticker.hasSuffix(".WS") {
            securityClass = 3
        } else if record.isETF {
            securityClass = 2
        } else if isReceipt {
            securityClass = 1
        } else {
            securityClass = 0
        }
        // `BRK.B`, `MKC.V`, `7203.T`: one letter after the dot is a share class (or Tokyo, London: home
        // listings). Two or more (`APC.DE`, `NESN.SW`) mark an exchange suffix.
        var secondaryListing = 0
        if let dot = ticker.lastIndex(of: "."), ticker.distance(from: dot, to: ticker.endIndex) > 2 {
            secondaryListing = 1
        }
        let nameLength = record.name.utf8.count
        key = UInt64(securityClass) << 60 | UInt64(secondaryListing) << 56
            | UInt64(0xFF - Self.popularity(record.marketCap)) << 48 | UInt64(min(coreLength, 0xFF)) << 40
            | UInt64(min(nameLength, 0xFFFF)) << 24 | UInt64(min(ticker.utf8.count, 0xFF))
    }

    /// A market cap as a step of `√2` (`2 log2(cap)`, 1...255; a cap of 1 trillion is step 79), 0 when
    /// unknown or below 1.
    static func popularity(_ marketCap: Double?) -> Int {
        guard let marketCap, marketCap >= 1, marketCap.isFinite else { return 0 }
        return min(255, 1 + Int(2 * log2(marketCap)))
    }
}
