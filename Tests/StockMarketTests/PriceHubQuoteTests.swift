import Foundation
import Logging
import StockModel
import StockQuotes
import Testing
@testable import StockMarket

@Suite("Price hub: quotes")
struct PriceHubQuoteTests {
    let watchlists = MemoryWatchlists()
    let listing: TestListing
    let hub: PriceHub
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let regular = QuoteFigures(
        previousClose: Price("95"), dayHigh: Price("101"), dayLow: Price("94"), volume: 1_000, marketState: .regular,
        asOf: start)

    init() async throws {
        listing = try await TestListing()
        hub = PriceHub(
            watchlists: watchlists, catalog: listing.catalog, maxTicksBehind: 3, logger: Logger(label: "test"))
        hub.register([
            QuotedSecurity(id: 1, ticker: "AAA", lastPrice: Price("100"), currency: "USD", quote: Self.regular),
            QuotedSecurity(id: 2, ticker: "BBB", lastPrice: Price("50"), currency: "EUR"),
        ])
    }

    func connect() async throws -> TestConnection {
        watchlists.set(1, [security(1, "AAA"), security(2, "BBB")])
        let connection = try await TestConnection.open(hub, userID: 1)
        _ = await connection.next()
        return connection
    }

    /// Publishes tick `seq` changing AAA to `price` with `figures`.
    func publish(_ seq: Int64, _ price: String, _ figures: QuoteFigures) {
        hub.publish(PriceTick(
            seq: seq, at: Self.start + Double(seq),
            changes: [PriceUpdate(securityID: 1, price: Price(price)!, quote: figures)]))
    }

    @Test("a snapshot carries every watched security's whole quote: exact change and percent, nulls for unknowns")
    func snapshot() async throws {
        watchlists.set(1, [security(1, "AAA"), security(2, "BBB")])
        let connection = try await TestConnection.open(hub, userID: 1)
        guard case .message(let message) = await connection.next() else { Issue.record("no snapshot"); return }
        let text = String(decoding: message.bytes, as: UTF8.self)
        #expect(text.contains(#""AAA":{"price":100,"previous_close":95,"change":5,"change_percent":5.2632,"#
            + #""day_high":101,"day_low":94,"volume":1000,"currency":"USD","market_state":"regular","#
            + #""as_of":"2023-11-14T22:13:20Z"}"#))
        #expect(text.contains(#""BBB":{"price":50,"previous_close":null,"change":null,"change_percent":null,"#
            + #""day_high":null,"day_low":null,"volume":null,"currency":"EUR","market_state":null,"as_of":null}"#))
        let snapshot = try DecodedMessage(message.bytes)
        #expect(snapshot.quotes["AAA"]?.keys.count == 10)
        #expect(snapshot.quotes["AAA"]?.quote == Quote(price: Price("100")!, currency: "USD", figures: Self.regular))
    }

    @Test("a delta carries only the fields that changed, always with the price")
    func delta() async throws {
        let connection = try await connect()
        var figures = Self.regular
        figures.dayHigh = Price("102")
        figures.volume = 1_500
        figures.asOf = Self.start + 1
        publish(1, "102", figures)
        let message = try #require(await connection.next().decoded)
        #expect(message.prices == ["AAA": Price("102")!])
        #expect(message.quotes["AAA"]?.keys == ["price", "change", "change_percent", "day_high", "volume", "as_of"])
        #expect(message.quotes["AAA"]?.changePercent == Percent(tenThousandths: 73_684))
    }

    @Test("a change of market state or previous close alone is a message, its prices holding the unchanged price")
    func stateAlone() async throws {
        let connection = try await connect()
        var closed = Self.regular
        closed.marketState = .post
        publish(1, "100", closed)
        let state = try #require(await connection.next().decoded)
        #expect(state.prices == ["AAA": Price("100")!])
        #expect(state.quotes["AAA"]?.keys == ["price", "market_state"])
        closed.previousClose = Price("100")
        publish(2, "100", closed)
        let rolled = try #require(await connection.next().decoded)
        #expect(rolled.quotes["AAA"]?.keys == ["price", "previous_close", "change", "change_percent"])
        #expect(rolled.quotes["AAA"]?.quote.change == Price(tenThousandths: 0))
    }

    @Test("a tick that only moves as_of sends nothing, but the next snapshot has it")
    func asOfAlone() async throws {
        let connection = try await connect()
        var later = Self.regular
        later.asOf = Self.start + 60
        publish(1, "100", later)
        #expect(hub.nextMessage(for: connection.id) == nil)
        #expect(hub.latestQuotes(for: [1, 2, 99]).map { $0?.asOf } == [Self.start + 60, nil, nil])
    }

    @Test("a connection behind by several ticks gets one message with the union of the fields changed since")
    func conflatedUnion() async throws {
        let connection = try await connect()
        var figures = Self.regular
        figures.marketState = .post
        publish(1, "100", figures)
        figures.volume = 2_000
        publish(2, "100", figures)
        let message = try #require(await connection.next().decoded)
        #expect(message.seq == 2)
        #expect(message.quotes["AAA"]?.keys == ["price", "volume", "market_state"])
        #expect(message.quotes["AAA"]?.quote.marketState == .post)
        #expect(message.quotes["AAA"]?.quote.volume == 2_000)
        // Caught up: the next change again holds only its own fields.
        figures.volume = 2_500
        publish(3, "100", figures)
        #expect(try #require(await connection.next().decoded).quotes["AAA"]?.keys == ["price", "volume"])
    }

    @Test("a price-only update keeps the other figures; a stale-only change has no quote entry")
    func priceOnlyAndStale() async throws {
        let connection = try await connect()
        hub.publish(PriceTick(seq: 1, at: Self.start, changes: [PriceUpdate(securityID: 1, price: Price("90")!)]))
        let message = try #require(await connection.next().decoded)
        // The hub works nothing out (the poller's book does): the day's low stays the tick's.
        #expect(message.quotes["AAA"]?.keys == ["price", "change", "change_percent"])
        #expect(hub.latestQuotes(for: [1])[0]?.dayLow == Price("94"))
        hub.publish(PriceTick(seq: 2, at: Self.start, changes: [], becameStale: [2]))
        let stale = try #require(await connection.next().decoded)
        #expect(stale.prices == ["BBB": Price("50")!])
        #expect(stale.quotes.isEmpty)
    }
}
