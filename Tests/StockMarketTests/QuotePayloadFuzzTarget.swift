import Foundation
import StockModel
import StockQuotes
#if !FUZZING
@testable import StockMarket
#endif

/// The quote-payload fuzz target (`fuzz/quotes`), shared by the fuzz binary (compiled into one module with the
/// payload files and `-D FUZZING`) and by `QuotePayloadFuzzRegressionTests`, which replays its committed inputs:
/// the bytes go to both providers' decoders (Massive/Polygon's snapshot and Alpaca's snapshots), which must
/// answer the same twice, throw only `.malformed`, and keep every quote within the figures' bounds.
enum QuotePayloadFuzzTarget {
    /// `nil` when both decoders pass the checks for `input`, else what went wrong.
    static func check(_ input: [UInt8]) -> String? {
        let bytes = Data(input)
        let decoders: [(String, (Data) throws(QuoteProviderError) -> [String: ProviderQuote])] = [
            ("snapshot", SnapshotPayload.quotes(from:)), ("alpaca", AlpacaSnapshotPayload.quotes(from:)),
        ]
        for (name, decode) in decoders {
            let first = Result { () throws(QuoteProviderError) in try decode(bytes) }
            let second = Result { () throws(QuoteProviderError) in try decode(bytes) }
            guard first == second else { return "\(name): two decodings of the same bytes differ" }
            switch first {
            case .failure(.malformed): continue
            case .failure(let error): return "\(name): \(error) is no answer to a payload"
            case .success(let quotes):
                for (symbol, quote) in quotes {
                    if let problem = problem(in: quote) { return "\(name) \(symbol): \(problem)" }
                }
            }
        }
        return nil
    }

    /// Dates a plausible quote carries: 1970 to 2200.
    private static let plausibleTimes = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 7_258_118_400)

    /// What makes `quote` implausible, or `nil`.
    static func problem(in quote: ProviderQuote) -> String? {
        let maxPrice = Price(tenThousandths: Int64(ProviderFigures.maxPrice) * 10_000)
        let prices = [quote.price] + [quote.previousClose, quote.dayHigh, quote.dayLow].compactMap { $0 }
        if let bad = prices.first(where: { $0.tenThousandths <= 0 || $0 > maxPrice }) { return "price \(bad)" }
        if let high = quote.dayHigh, let low = quote.dayLow, high < low { return "day high \(high) < low \(low)" }
        for volume in [quote.dayVolume, quote.tradedVolume].compactMap({ $0 })
        where volume < 0 || Double(volume) > ProviderFigures.maxVolume {
            return "volume \(volume)"
        }
        if let asOf = quote.asOf, !plausibleTimes.contains(asOf) { return "time \(asOf)" }
        return nil
    }
}
