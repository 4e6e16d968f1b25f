/// libFuzzer target: the search query path (`fuzz/run.sh query SECONDS`), compiled from `Sources/StockSearch`,
/// `Sources/CICU` and the checks in `Tests/StockSearchTests/QueryFuzzTarget.swift`, which the normal suite also
/// runs over the committed inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    if let failure = QueryFuzzTarget.check(Array(UnsafeBufferPointer(start: data, count: size))) {
        fatalError(failure)
    }
    return 0
}
