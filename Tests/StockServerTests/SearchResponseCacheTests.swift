import Foundation
import HummingbirdTesting
import NIOCore
@testable import StockServer
import StockModel
import StockQuotes
import Testing

@Suite("GET /security: answers kept until the next tick")
struct SearchResponseCacheTests {
    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test("a body is found under its key and version only; a newer version drops the older bodies, an older one is not stored")
    func versions() {
        let cache = SearchResponseCache(maximumBytes: 1 << 20)
        let apple = SearchResponseCache.Key(query: "apple", limit: 10)
        cache.store(Self.body("[1]"), for: apple, version: 5)
        #expect(cache.body(for: apple, version: 5) == Self.body("[1]"))
        #expect(cache.body(for: SearchResponseCache.Key(query: "apple", limit: 9), version: 5) == nil)
        #expect(cache.body(for: SearchResponseCache.Key(query: "Apple", limit: 10), version: 5) == nil)
        #expect(cache.body(for: apple, version: 6) == nil)
        // Written from quotes older than those cached: dropped.
        cache.store(Self.body("[0]"), for: apple, version: 4)
        #expect(cache.body(for: apple, version: 5) == Self.body("[1]"))
        #expect(cache.body(for: apple, version: 4) == nil)
        cache.store(Self.body("[2]"), for: SearchResponseCache.Key(query: "nestle", limit: 10), version: 6)
        #expect(cache.usage.bodies == 1)
        #expect(cache.body(for: apple, version: 6) == nil)
        cache.store(Self.body("[3]"), for: apple, version: 6)
        cache.store(Self.body("[3]"), for: apple, version: 6)
        #expect(cache.usage.bodies == 2)
        #expect(cache.usage.bytes == 2 * (Self.body("[3]").capacity + 64) + 5 + 6)
    }

    @Test("the bodies stay within the byte bound: a body that would pass it empties the cache first; 0 keeps none")
    func bound() {
        let body = Self.body(String(repeating: "x", count: 1000))
        let cost = body.capacity + 64 + 2
        let cache = SearchResponseCache(maximumBytes: 3 * cost)
        for index in 0..<10 {
            cache.store(body, for: SearchResponseCache.Key(query: "q\(index)", limit: 10), version: 1)
            #expect(cache.usage.bytes <= 3 * cost)
        }
        #expect(cache.usage.bodies == 1)
        #expect(cache.body(for: SearchResponseCache.Key(query: "q9", limit: 10), version: 1) == body)
        let tooBig = SearchResponseCache(maximumBytes: cost - 1)
        tooBig.store(body, for: SearchResponseCache.Key(query: "q0", limit: 10), version: 1)
        #expect(tooBig.usage.bodies == 0)
        let off = SearchResponseCache(maximumBytes: 0)
        off.store(Self.body("[]"), for: SearchResponseCache.Key(query: "q", limit: 1), version: 1)
        #expect(off.body(for: SearchResponseCache.Key(query: "q", limit: 1), version: 1) == nil)
    }

    @Test("with and without the cache, an answer carries the price of the tick it was asked in",
          arguments: [0, SecuritySearch.defaultResponseCacheBytes])
    func followsTicks(cacheBytes: Int) async throws {
        let fixture = try await LivePricesFixture()
        defer { fixture.removeFiles() }
        var configuration = ServerConfiguration()
        configuration.searchCacheBytes = cacheBytes
        let app = try await buildApplication(configuration, stores: fixture.stores, livePrices: fixture.livePrices)
        let hub = fixture.livePrices.hub
        let id = try #require(fixture.ids["AAA"])
        let (prices, checked) = try await app.test(.live) { client -> (Set<Int64>, Int) in
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            var prices = Set<Int64>()
            var checked = 0
            let deadline = ContinuousClock.now + .seconds(30)
            while prices.count < 4, ContinuousClock.now < deadline {
                let version = hub.quotesVersion
                let expected = hub.latestQuotes(for: [id])[0]
                let first = try await client.execute(uri: "/security?q=AAA&limit=1", method: .get).body
                let second = try await client.execute(uri: "/security?q=AAA&limit=1", method: .get).body
                // A tick in between: which price is right is not known.
                guard hub.quotesVersion == version, let expected else { continue }
                #expect(first == second)
                let results = try decoder.decode([SecurityJSON].self, from: Data(buffer: first))
                #expect(results.first?.id == id)
                #expect(results.first?.lastPrice == expected.price)
                #expect(results.first?.quote?.price == expected.price)
                prices.insert(expected.price.tenThousandths)
                checked += 1
            }
            return (prices, checked)
        }
        #expect(prices.count >= 4)
        #expect(checked >= 4)
    }
}
