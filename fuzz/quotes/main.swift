/// libFuzzer target: `QuotePayloadFuzzTarget` (Tests/StockMarketTests/QuotePayloadFuzzTarget.swift); run it with
/// `fuzz/run.sh quotes SECONDS`. A failed check traps, so libFuzzer keeps the input as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    if let failure = QuotePayloadFuzzTarget.check(Array(UnsafeBufferPointer(start: data, count: size))) {
        preconditionFailure(failure)
    }
    return 0
}
