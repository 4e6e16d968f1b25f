import Foundation
import Hummingbird
import HummingbirdTesting
import StockServer
import StockModel
import StockStorage
import Testing

@Suite("Service basics")
struct HealthTests {
    @Test("an empty database gets the bundled listing, /health answers, unknown routes give a JSON 404")
    func firstStart() async throws {
        let test = try await TestApplication()
        let app = try await test.build()
        #expect(try await test.stores.securities.securityCount() > 200)
        // The bundled listing's reference prices: the simulated market starts from realistic prices.
        let prices = Dictionary(uniqueKeysWithValues: try await test.stores.securities.allSecurities().map { ($0.ticker, $0.lastPrice) })
        #expect(prices.values.allSatisfy { $0 != nil })
        #expect(prices["AAPL"] == Price("309.35"))  // the screener's close of 2026-08-21
        #expect(prices["7203.T"] == Price("2700"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
            try await client.execute(uri: "/no/such/route", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(body["error"]?.contains("/no/such/route") == true)
            }
        }
    }
}
