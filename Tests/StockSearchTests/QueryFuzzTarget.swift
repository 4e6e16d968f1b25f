#if !FUZZING
@testable import StockSearch
#endif

/// The query fuzz target (`fuzz/query`), shared by the fuzz binary (compiled into the module with `-D FUZZING`)
/// and by `QueryFuzzRegressionTests`, which replays its committed inputs: ICU folding, word splitting and a
/// search over a small index, with the checks every query must pass besides not crashing.
enum QueryFuzzTarget {
    /// The HTTP bound on `q`'s bytes, applied to the input as the server would.
    static let maxQueryBytes = 400

    static let index = SearchIndex(records: [
        ("AAPL", "Apple Inc. - Common Stock", ["Apple", "iPhone"], "US0378331005"),
        ("BRK.B", "Berkshire Hathaway Inc. New Common Stock", [], nil),
        ("BAC$K", "Bank of America Corporation Depositary Shares, Series KK", [], nil),
        ("GLE.PA", "Société Générale S.A.", ["Societe Generale", "SocGen"], "FR0000130809"),
        ("SIE.DE", "Siemens Aktiengesellschaft", ["Siemens"], nil),
        ("BMW.DE", "Bayerische Motoren Werke AG", ["BMW"], nil),
        ("NESN.SW", "Nestlé SA", ["Nestle S.A."], "CH0038863350"),
        ("7203.T", "トヨタ自動車", ["TOYOTA MOTOR CORPORATION"], nil),
        ("SBER.ME", "Сбербанк России", ["Sberbank"], nil),
        ("MSFT", "Microsoft Corporation - Common Stock", ["Microsoft", "Xbox"], nil),
        ("NVDA", "NVIDIA Corporation - Common Stock", ["Nvidia"], nil),
        ("T", "AT&T Inc.", [], nil),
    ].enumerated().map { offset, record in
        SearchRecord(id: Int64(offset + 1), ticker: record.0, name: record.1, aliases: record.2, isin: record.3)
    })

    /// Runs one input (taken as UTF-8, invalid bytes becoming U+FFFD as a decoded HTTP query would); `nil` when
    /// every check holds, else what failed.
    static func check(_ input: [UInt8]) -> String? {
        let query = String(decoding: input.prefix(maxQueryBytes), as: UTF8.self)
        _ = TextNormalizer.normalize(query)
        _ = WordSplitter.foldAndSplit(query, germanUmlauts: input.first.map { $0 & 1 == 1 } ?? false)
        let hits = index.search(query, limit: 5)
        if hits.count > 5 { return "more hits than the limit" }
        for hit in hits {
            if !(1...Int64(index.count)).contains(hit.id) { return "a hit that is no record" }
            let length = hit.matchedText.count
            if !hit.ranges.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= length }) {
                return "a range past its text"
            }
        }
        return nil
    }
}
