/// libFuzzer target: the search query path (`fuzz/run.sh query SECONDS`), compiled from `Sources/StockSearch`
/// and `Sources/CICU`: ICU folding (`TextNormalizer`), word splitting, `Query` and a search over a small index.
/// The input is taken as UTF-8 (invalid bytes become U+FFFD, as a decoded HTTP query would) and bounded like
/// the HTTP `q` (at most 400 bytes).
let maxQueryBytes = 400

let index = SearchIndex(records: [
    ("AAPL", "Apple Inc. - Common Stock", ["Apple", "iPhone"]),
    ("BRK.B", "Berkshire Hathaway Inc. New Common Stock", []),
    ("BAC$K", "Bank of America Corporation Depositary Shares, Series KK", []),
    ("GLE.PA", "Société Générale S.A.", ["Societe Generale", "SocGen"]),
    ("SIE.DE", "Siemens Aktiengesellschaft", ["Siemens"]),
    ("BMW.DE", "Bayerische Motoren Werke AG", ["BMW"]),
    ("NESN.SW", "Nestlé SA", ["Nestle S.A."]),
    ("7203.T", "トヨタ自動車", ["TOYOTA MOTOR CORPORATION"]),
    ("SBER.ME", "Сбербанк России", ["Sberbank"]),
    ("MSFT", "Microsoft Corporation - Common Stock", ["Microsoft", "Xbox"]),
    ("NVDA", "NVIDIA Corporation - Common Stock", ["Nvidia"]),
    ("T", "AT&T Inc.", []),
].enumerated().map { offset, record in
    SearchRecord(id: Int64(offset + 1), ticker: record.0, name: record.1, aliases: record.2)
})

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let query = String(decoding: UnsafeBufferPointer(start: data, count: min(size, maxQueryBytes)), as: UTF8.self)
    _ = TextNormalizer.normalize(query)
    _ = WordSplitter.foldAndSplit(query, germanUmlauts: size > 0 && data[0] & 1 == 1)
    let hits = index.search(query, limit: 5)
    precondition(hits.count <= 5, "more hits than the limit")
    for hit in hits {
        precondition((1...Int64(index.count)).contains(hit.id), "a hit that is no record")
        let length = hit.matchedText.count
        precondition(hit.ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= length }, "a range past its text")
    }
    return 0
}
