import Foundation
import Logging
import StockListing
import StockModel
import StockQuotes
import Testing
@testable import StockMarket

@Suite("Price hub")
struct PriceHubTests {
    let watchlists = MemoryWatchlists()
    let listing: TestListing
    let hub: PriceHub
    static let start = Date()

    init() async throws {
        listing = try await TestListing()
        hub = PriceHub(
            watchlists: watchlists, catalog: listing.catalog, maxTicksBehind: 3, logger: Logger(label: "test"))
        hub.register([
            QuotedSecurity(id: 1, ticker: "AAA", lastPrice: Price("100")),
            QuotedSecurity(id: 2, ticker: "BBB", lastPrice: Price("200.5")),
            QuotedSecurity(id: 3, ticker: "CCC", lastPrice: Price("300")),
        ])
    }

    func tick(_ seq: Int64, _ changes: [Int64: String], stale: [Int64] = [], fresh: [Int64] = []) -> PriceTick {
        PriceTick(
            // Times of this year: the calendars (of the hub's histories) are laid out around it.
            seq: seq, at: Self.start + Double(seq),
            changes: changes.map { PriceUpdate(securityID: $0.key, price: Price($0.value)!) },
            becameStale: stale, becameFresh: fresh)
    }

    func connect(_ userID: Int64, watching list: [Security], socket: TestSocket = TestSocket()) async throws
        -> TestConnection
    {
        watchlists.set(userID, list)
        return try await TestConnection.open(hub, userID: userID, socket: socket)
    }

    @Test("the first message is a snapshot of the whole watchlist with the last seq")
    func snapshotFirst() async throws {
        hub.publish(tick(7, [1: "101"]))
        let connection = try await connect(1, watching: [security(1, "AAA"), security(2, "BBB")])
        let snapshot = try #require(await connection.next().decoded)
        #expect(snapshot.type == "snapshot")
        #expect(snapshot.seq == 7)
        #expect(snapshot.prices == ["AAA": Price("101")!, "BBB": Price("200.5")!])
        #expect(snapshot.stale == nil)
    }

    @Test("a connection that did not take its messages gets one message with the latest prices (conflation)")
    func conflation() async throws {
        let connection = try await connect(1, watching: [security(1, "AAA"), security(2, "BBB")])
        _ = await connection.next()
        hub.publish(tick(1, [1: "101"]))
        hub.publish(tick(2, [1: "102", 2: "201"]))
        hub.publish(tick(3, [3: "301"]))
        let message = try #require(await connection.next().decoded)
        #expect(message.type == "prices")
        #expect(message.seq == 3)
        #expect(message.prices == ["AAA": Price("102")!, "BBB": Price("201")!])
        // Only the changed, watched prices: CCC changes, AAA does not, BBB does.
        hub.publish(tick(4, [3: "302", 2: "202"]))
        let next = try #require(await connection.next().decoded)
        #expect(next.seq == 4)
        #expect(next.prices == ["BBB": Price("202")!])
    }

    @Test("a connection that keeps up gets exactly one message per tick holding only its changes")
    func oneMessagePerTick() async throws {
        let connection = try await connect(1, watching: [security(1, "AAA"), security(3, "CCC")])
        _ = await connection.next()
        for seq in Int64(1)...20 {
            hub.publish(tick(seq, [1: "\(100 + seq)", 2: "\(200 + seq)"]))
            let message = try #require(await connection.next().decoded)
            #expect(message.seq == seq)
            #expect(message.prices == ["AAA": Price("\(100 + seq)")!])
        }
    }

    @Test("stale securities are listed until they recover")
    func stale() async throws {
        let connection = try await connect(1, watching: [security(1, "AAA"), security(2, "BBB")])
        _ = await connection.next()
        hub.publish(tick(1, [:], stale: [2]))
        let staleMessage = try #require(await connection.next().decoded)
        #expect(staleMessage.stale == ["BBB"])
        #expect(staleMessage.prices == ["BBB": Price("200.5")!])
        hub.publish(tick(2, [1: "101"]))
        #expect(try #require(await connection.next().decoded).stale == ["BBB"])
        hub.publish(tick(3, [2: "199"], fresh: [2]))
        let recovered = try #require(await connection.next().decoded)
        #expect(recovered.stale == nil)
        #expect(recovered.prices == ["BBB": Price("199")!])
    }

    @Test("when ticks stop, each socket gets one snapshot listing every price stale; the next tick carries all its prices and seq goes on")
    func silence() async throws {
        let connection = try await connect(1, watching: [security(1, "AAA"), security(2, "BBB")])
        _ = await connection.next()
        hub.publish(tick(1, [1: "101"], stale: [2]))
        _ = await connection.next()
        hub.reportStaleIfNoTick(for: .seconds(60))
        #expect(connection.nextIfAny() == nil, "ticks came within the bound: nothing to say")

        try await Task.sleep(for: .milliseconds(20))
        hub.reportStaleIfNoTick(for: .milliseconds(10))
        let silent = try #require(await connection.next().decoded)
        #expect(silent.type == "snapshot")
        #expect(silent.seq == 1)
        #expect(silent.prices == ["AAA": Price("101")!, "BBB": Price("200.5")!])
        #expect(silent.stale.map(Set.init) == ["AAA", "BBB"])
        hub.reportStaleIfNoTick(for: .milliseconds(10))
        #expect(connection.nextIfAny() == nil, "one snapshot per silence")

        hub.publish(tick(2, [1: "102"]))
        let back = try #require(await connection.next().decoded)
        #expect(back.type == "prices")
        #expect(back.seq == 2)
        #expect(back.prices == ["AAA": Price("102")!, "BBB": Price("200.5")!])
        #expect(back.stale == ["BBB"], "only what the ticks say is stale stays so")
        hub.publish(tick(3, [1: "103"]))
        let next = try #require(await connection.next().decoded)
        #expect(next.type == "prices")
        #expect(next.seq == 3)
        #expect(next.stale == ["BBB"])
    }

    @Test("a watchlist change subscribes added securities with a snapshot and drops removed ones")
    func watchlistChange() async throws {
        let connection = try await connect(1, watching: [security(1, "AAA")])
        _ = await connection.next()
        hub.publish(tick(1, [1: "101"]))
        _ = await connection.next()
        watchlists.set(1, [security(3, "CCC")])
        await hub.watchlistChanged(userID: 1)
        // The lists changed: announced first, then the snapshot of what newly appears.
        guard case .message(let announcement) = await connection.next() else { Issue.record("no message"); return }
        #expect(String(decoding: announcement.bytes, as: UTF8.self).hasPrefix(#"{"type":"lists_changed","at":""#))
        let added = try #require(await connection.next().decoded)
        #expect(added.type == "snapshot")
        #expect(added.seq == 1)
        #expect(added.prices == ["CCC": Price("300")!])
        hub.publish(tick(2, [1: "102", 3: "303"]))
        let next = try #require(await connection.next().decoded)
        #expect(next.prices == ["CCC": Price("303")!])
        #expect(hub.subscriptionCount == 1)
    }

    @Test("a user's own messages (fired alerts) come in order before prices; past the bound the socket is closed")
    func ownMessages() async throws {
        let socket = TestSocket()
        let connection = try await connect(1, watching: [security(1, "AAA")], socket: socket)
        _ = await connection.next()
        hub.send(Array(#"{"type":"alert","n":1}"#.utf8), toUser: 1)
        hub.send(Array(#"{"type":"alert","n":2}"#.utf8), toUser: 1)
        hub.send(Array(#"{"type":"alert","n":9}"#.utf8), toUser: 2)
        hub.publish(tick(1, [1: "101"]))
        for expected in [#"{"type":"alert","n":1}"#, #"{"type":"alert","n":2}"#] {
            guard case .message(let bytes) = await connection.next() else { Issue.record("no message"); return }
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == expected)
        }
        #expect(try #require(await connection.next().decoded).type == "prices")
        // A socket that takes nothing is closed once it holds the bound.
        for _ in 0...PriceHubState.maximumMessagesDue { hub.send(Array("{}".utf8), toUser: 1) }
        #expect(socket.recorded == [.tooSlow])
    }

    @Test("a connection stuck on one message is closed as too slow, and its state does not grow meanwhile")
    func slowConnection() async throws {
        let socket = TestSocket()
        let connection = try await connect(1, watching: [security(1, "AAA"), security(2, "BBB")], socket: socket)
        _ = await connection.next()
        hub.publish(tick(1, [1: "101"]))
        // The socket takes this message and never comes back, as when it does not drain.
        _ = await connection.next()
        hub.publish(tick(2, [1: "102"]))
        hub.publish(tick(3, [1: "103"]))
        #expect(socket.recorded.isEmpty)
        hub.publish(tick(4, [1: "104"]))
        #expect(socket.recorded == [.tooSlow])
        #expect(hub.subscriptionCount == 0)
        #expect(await connection.next() == .closed(.tooSlow))
        hub.publish(tick(5, [1: "105"]))
        #expect(socket.recorded == [.tooSlow])
        hub.disconnect(connection.id)
        #expect(hub.connectionCount == 0)
    }

    @Test("a watched security imported after the hub registered the listing is found at its catalog position")
    func importedSecurity() async throws {
        _ = try await listing.store.upsert([ListingRecord(symbol: "DDD", name: "DDD")])
        let imported = try #require(try await listing.store.allSecurities().first { $0.ticker == "DDD" })
        let connection = try await connect(1, watching: [security(1, "AAA"), imported])
        // The hub read the catalog again for it; the securities before it keep their positions.
        #expect(listing.catalog.listing.position(of: imported.id) == 3)
        #expect(listing.catalog.listing.position(of: 1) == 0)
        let snapshot = try #require(await connection.next().decoded)
        #expect(snapshot.prices == ["AAA": Price("100")!])
        hub.publish(tick(1, [imported.id: "4.5", 1: "101"]))
        #expect(try #require(await connection.next().decoded).prices == ["AAA": Price("101")!, "DDD": Price("4.5")!])
        #expect(hub.latestQuotes(for: [imported.id, 1, 99]).map { $0?.price } == [Price("4.5"), Price("101"), nil])
    }

    @Test("however many ticks a slow reader misses, it is owed one message of bounded size")
    func noBacklog() async throws {
        let patientHub = PriceHub(
            watchlists: watchlists, catalog: listing.catalog, maxTicksBehind: 1_000_000, logger: Logger(label: "test"))
        patientHub.register([QuotedSecurity(id: 1, ticker: "AAA", lastPrice: Price("100"))])
        watchlists.set(1, [security(1, "AAA")])
        let connection = try await TestConnection.open(patientHub, userID: 1)
        _ = await connection.next()
        for seq in Int64(1)...10_000 {
            patientHub.publish(tick(seq, [1: "\(100 + seq)"]))
        }
        let message = try #require(await connection.next().decoded)
        #expect(message.seq == 10_000)
        #expect(message.prices == ["AAA": Price("10100")!])
    }

    @Test("a socket is told once per batch of work, and never after its connection is gone")
    func toldOncePerBatch() async throws {
        let connection = try await connect(1, watching: [security(1, "AAA")])
        #expect(connection.socket.timesTold == 1)
        _ = await connection.next()
        #expect(connection.hub.nextMessage(for: connection.id) == nil)
        hub.publish(tick(1, [1: "101"]))
        hub.publish(tick(2, [1: "102"]))
        #expect(connection.socket.timesTold == 2)
        #expect(try #require(await connection.next().decoded).seq == 2)
        hub.disconnect(connection.id)
        hub.publish(tick(3, [1: "103"]))
        #expect(connection.socket.timesTold == 2)
        #expect(hub.nextMessage(for: connection.id) == .closed(nil))
        #expect(hub.subscriptionCount == 0)
    }

    @Test("messages are exact JSON: prices as plain decimals, tickers escaped")
    func exactJSON() throws {
        let bytes = PriceMessageWriter.message(
            .prices, seq: 5, atJSON: PriceMessageWriter.timeJSON(Date(timeIntervalSince1970: 0.25)),
            prices: [
                PriceMessageWriter.priceFragment(
                    tickerJSON: PriceMessageWriter.jsonString("A\"B"), price: Price("0.0001")!),
                PriceMessageWriter.priceFragment(tickerJSON: PriceMessageWriter.jsonString("C"), price: Price("1200")!),
            ],
            quotes: [
                PriceMessageWriter.quoteFragment(
                    tickerJSON: PriceMessageWriter.jsonString("C"),
                    quote: Quote(price: Price("1200")!, previousClose: Price("1250")!, marketState: .post),
                    fields: [.price, .change, .changePercent, .marketState]),
            ],
            stale: [PriceMessageWriter.jsonString("C")])
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"{"type":"prices","seq":5,"at":"1970-01-01T00:00:00.250Z","prices":{"A\"B":0.0001,"C":1200},"#
            + #""quotes":{"C":{"price":1200,"change":-50,"change_percent":-4,"market_state":"post"}},"stale":["C"]}"#)
    }
}
