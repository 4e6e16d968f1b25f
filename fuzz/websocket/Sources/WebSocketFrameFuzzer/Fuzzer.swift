/// libFuzzer target: `WebSocketFrameFuzzTarget` (Tests/StockServerTests/Fuzz/WebSocketFrameFuzzTarget.swift); run
/// it with `fuzz/run.sh websocket SECONDS`. A failed check traps, so libFuzzer keeps the input as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    if let failure = WebSocketFrameFuzzTarget.check(Array(UnsafeBufferPointer(start: data, count: size))) {
        preconditionFailure(failure)
    }
    return 0
}
