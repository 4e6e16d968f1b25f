import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StockListing
import StockMarket
import StockServer
import StockModel
import StockStorage
import Testing

@Suite("GET /security")
struct SecuritySearchAPITests {
    static let records = [
        ListingRecord(symbol: "AAPL", name: "Apple Inc. - Common Stock", exchange: "NASDAQ"),
        ListingRecord(symbol: "APLE", name: "Apple Hospitality REIT, Inc. Common Shares", exchange: "NYSE"),
        ListingRecord(symbol: "T", name: "AT&T Inc.", exchange: "NYSE"),
        ListingRecord(
            symbol: "NESN.SW", name: "Nestlé SA", exchange: "EBS", isin: "CH0038863350", aliases: ["Nestle S.A."]),
    ]

    struct Result: Decodable {
        var id: Int64
        var ticker: String
        var name: String
        var exchange: String
        var last_price: Decimal?
        var match: SecurityJSON.Match?
    }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        try JSONDecoder().decode(type, from: Data(buffer: buffer))
    }

    @Test("ranks, carries the match, fills last_price, and answers on /security/ too")
    func search() async throws {
        let test = try await TestApplication(records: Self.records)
        let apple = try #require(try await test.stores.securities.allSecurities().first { $0.ticker == "AAPL" })
        try await test.stores.securities.updatePrices([PriceUpdate(securityID: apple.id, price: Price("187.12")!)], seq: 1, at: Date())
        let app = try await test.build()
        try await app.test(.router) { client in
            for path in ["/security?q=apple", "/security/?q=apple"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    let results = try Self.decode([Result].self, response.body)
                    #expect(results.map(\.ticker) == ["AAPL", "APLE"])
                    #expect(results[0].last_price == Decimal(string: "187.12"))
                    #expect(results[1].last_price == nil)
                    #expect(results[0].match?.kind == "exact_name")
                    #expect(results[0].match?.ranges == [[0, 5]])
                }
            }
            try await client.execute(uri: "/security?q=nestle&limit=1", method: .get) { response in
                let results = try Self.decode([Result].self, response.body)
                #expect(results.map(\.ticker) == ["NESN.SW"])
            }
            try await client.execute(uri: "/security?q=T", method: .get) { response in
                let results = try Self.decode([Result].self, response.body)
                #expect(results.first?.ticker == "T")
            }
        }
    }

    @Test("an ISIN finds its security first with match kind isin; one wrong check digit does not")
    func isin() async throws {
        let app = try await TestApplication(records: Self.records).build()
        try await app.test(.router) { client in
            try await client.execute(uri: "/security?q=CH0038863350", method: .get) { response in
                let results = try Self.decode([Result].self, response.body)
                #expect(results.first?.ticker == "NESN.SW")
                #expect(results.first?.match?.kind == "isin")
                #expect(results.first?.match?.field == "isin")
                #expect(results.first?.match?.text == "CH0038863350")
            }
            try await client.execute(uri: "/security?q=CH0038863351", method: .get) { response in
                let results = try Self.decode([Result].self, response.body)
                #expect(results.first?.match?.kind != "isin")
            }
        }
    }

    @Test("bad parameters are 400 with a JSON error naming the problem", arguments: [
        ("/security", "q"), ("/security?q=", "q"), ("/security?q=%20%20", "q"),
        ("/security?q=" + String(repeating: "a", count: 101), "longer than 100 characters"),
        // One character: an "a" carrying 3,000 combining acute accents (6,001 bytes).
        ("/security?q=a" + String(repeating: "%CC%81", count: 3000), "longer than 400 UTF-8 bytes"),
        ("/security?q=" + String(repeating: "%C3%A9", count: 201), "longer than 400 UTF-8 bytes"),
        ("/security?q=" + String(repeating: "a", count: 201), "more than 200 Unicode scalars"),
        ("/security?q=" + String(repeating: "e%CC%81", count: 101), "more than 200 Unicode scalars"),
        ("/security?q=apple&limit=0", "limit"), ("/security?q=apple&limit=51", "limit"),
        ("/security?q=apple&limit=ten", "limit"),
    ])
    func badParameters(path: String, mentions: String) async throws {
        let test = try await TestApplication(records: Self.records)
        let app = try await test.build()
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try Self.decode([String: String].self, response.body)
                #expect(body["error"]?.contains(mentions) == true)
            }
        }
    }

    @Test("queries at each bound are accepted: 100 characters, 200 scalars, 400 bytes; and limit 50", arguments: [
        String(repeating: "a", count: 100),
        // One character of 200 scalars (an "a" and 199 combining acute accents, 399 bytes).
        "a" + String(repeating: "%CC%81", count: 199),
        // 100 characters of 4 bytes each: 400 bytes, 100 scalars.
        String(repeating: "%F0%9F%98%80", count: 100),
    ])
    func bounds(query: String) async throws {
        let test = try await TestApplication(records: Self.records)
        let app = try await test.build()
        try await app.test(.router) { client in
            try await client.execute(uri: "/security?q=\(query)&limit=50", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("an import into the database reaches the running search without a restart")
    func pickUpImport() async throws {
        let test = try await TestApplication(records: Self.records)
        let catalog = ListingCatalog(store: test.stores.securities, logger: Logger(label: "test"))
        let search = try await SecuritySearch.load(from: test.stores.securities)
        search.follow(catalog)
        try await catalog.refresh()
        #expect(search.search("msft", limit: 5).isEmpty)
        _ = try await test.stores.securities.upsert([
            ListingRecord(symbol: "MSFT", name: "Microsoft Corporation - Common Stock", exchange: "NASDAQ")
        ])
        #expect(try await catalog.refresh())
        #expect(search.search("msft", limit: 5).first?.security.ticker == "MSFT")
        #expect(try await catalog.refresh() == false)
    }
}
