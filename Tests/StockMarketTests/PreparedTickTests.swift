import Foundation
import StockModel
import StockQuotes
import Testing
@testable import StockMarket

@Suite("Prepared ticks")
struct PreparedTickTests {
    @Test("a tick's changes prepared on several threads are those worked out one by one, in order")
    func parallelEqualsSequential() {
        let count = PreparedTick.changesPerThread * 4 + 7
        let standings: [HubSecurity.Standing?] = (0..<count).map { offset in
            // Every 5th security is not held by the hub; every 7th has no price yet.
            offset.isMultiple(of: 5) ? nil : HubSecurity.Standing(
                position: offset, tickerJSON: PriceMessageWriter.jsonString("T\(offset)"), currency: "USD",
                price: offset.isMultiple(of: 7) ? nil : Price(tenThousandths: Int64(offset) * 100),
                quote: QuoteFigures(previousClose: Price("1"), marketState: .regular))
        }
        let updates = (0..<count).map { offset in
            // Every 3rd change leaves its price as it was.
            PriceUpdate(
                securityID: Int64(offset),
                price: Price(tenThousandths: Int64(offset) * 100 + (offset.isMultiple(of: 3) ? 0 : 1)),
                quote: offset.isMultiple(of: 2) ? QuoteFigures(previousClose: Price("2"), marketState: .post) : nil)
        }
        let prepared = PreparedTick.changes(updates, from: standings)
        let oneByOne = zip(updates, standings).map { $1?.change(to: $0.price, quote: $0.quote) }
        #expect(prepared.count == count)
        #expect(prepared.map { $0?.position } == oneByOne.map { $0?.position })
        #expect(prepared.map { $0?.fields } == oneByOne.map { $0?.fields })
        #expect(prepared.map { $0?.quoteFragment } == oneByOne.map { $0?.quoteFragment })
        #expect(prepared.map { $0?.deltaFragment } == oneByOne.map { $0?.deltaFragment })
        #expect(prepared.map { $0?.priceFragment } == oneByOne.map { $0?.priceFragment })
        // Not held, or nothing changed: no change.
        #expect(prepared[5] == nil && prepared[3 * 7 * 2] != nil)
        #expect(prepared[0] == nil && prepared[3] == nil)
    }
}
