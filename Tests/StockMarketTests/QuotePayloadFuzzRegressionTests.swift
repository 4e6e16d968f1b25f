import Foundation
import StockModel
import StockQuotes
import Testing

/// Replays the committed inputs of the quote-payload fuzz target (`fuzz/quotes/corpus/`, the seeds, and
/// `fuzz/quotes/regressions/`, every input that once crashed or failed a check) through the fuzz binary's checks.
@Suite("Quote payload fuzz regressions")
struct QuotePayloadFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz/quotes")

    @Test("every committed input passes the target's checks")
    func replay() throws {
        let inputs = try ["corpus", "regressions"].flatMap { name -> [URL] in
            let url = Self.folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return [] }
            return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        }
        #expect(inputs.count >= 8)
        for url in inputs {
            let failure = QuotePayloadFuzzTarget.check(try [UInt8](Data(contentsOf: url)))
            #expect(failure == nil, "\(url.lastPathComponent): \(failure ?? "")")
        }
    }

    @Test("the checks flag implausible quotes and pass plausible ones")
    func checksCanFail() {
        let price = Price(tenThousandths: 1_871_200)
        #expect(QuotePayloadFuzzTarget.problem(in: ProviderQuote(price: price)) == nil)
        #expect(QuotePayloadFuzzTarget.problem(in: ProviderQuote(price: Price(tenThousandths: 0))) != nil)
        #expect(QuotePayloadFuzzTarget.problem(in: ProviderQuote(
            price: price, dayHigh: Price(tenThousandths: 10_000), dayLow: Price(tenThousandths: 20_000))) != nil)
        #expect(QuotePayloadFuzzTarget.problem(in: ProviderQuote(price: price, dayVolume: -1)) != nil)
        #expect(QuotePayloadFuzzTarget.problem(in: ProviderQuote(
            price: price, asOf: Date(timeIntervalSince1970: 1e11))) != nil)
        let garbage = Array("not json".utf8)
        #expect(QuotePayloadFuzzTarget.check(garbage) == nil, "malformed bytes are a clean error, not a failure")
    }
}
