import Foundation
import StockClient
import StockQuotes
import Testing

/// The list and alert calls against the real service: what they answer, and the server's refusals as
/// `StockClientError`s with its messages.
@Suite("StockClient: several watchlists and price alerts")
struct ListsAndAlertsClientTests {
    /// The error `body` throws; a failure when it throws none.
    private func refusal(_ body: () async throws -> Void) async -> StockClientError? {
        do {
            try await body()
            Issue.record("the call worked")
        } catch let error as StockClientError {
            return error
        } catch {
            Issue.record("not a StockClientError: \(error)")
        }
        return nil
    }

    @Test("lists: create, rename, add, order (kept by the server), remove, delete; the last list stays",
          .timeLimit(.minutes(1)))
    func lists() async throws {
        try await LocalServer.run { anonymous in
            let client = try await LocalServer.user("lena", on: anonymous)
            let first = try #require(try await client.watchlists().first)
            #expect(first.name == "Watchlist" && first.count == 0)
            let tech = try await client.createWatchlist(name: "  Tech  ")
            #expect(tech.name == "Tech" && tech.count == 0)
            let renamed = try await client.renameWatchlist(id: tech.id, to: "Chips")
            #expect(renamed == WatchlistInfo(id: tech.id, name: "Chips", count: 0))

            let ids = try await ["AAPL", "MSFT", "NVDA"].asyncMap { ticker in
                try #require(try await client.search(query: ticker, limit: 1).first { $0.ticker == ticker }).id
            }
            for id in ids { try await client.add(id: id, toList: tech.id) }
            #expect(try await client.watchlistItems(id: tech.id).map(\.ticker) == ["AAPL", "MSFT", "NVDA"])
            #expect(try await client.watchlistItems(id: first.id).isEmpty)
            try await client.orderWatchlist(id: tech.id, ids: [ids[2], ids[0], ids[1]])
            // Another client (a restart of the terminal) reads the order the server keeps.
            let again = StockClient(server: client.server, token: client.token)
            #expect(try await again.watchlistItems(id: tech.id).map(\.ticker) == ["NVDA", "AAPL", "MSFT"])
            #expect(try await again.watchlists().map(\.count) == [0, 3])

            let badOrder = await refusal {
                try await client.orderWatchlist(id: tech.id, ids: [ids[0]])
            }
            #expect(badOrder?.status == 400)
            try await client.remove(id: ids[0], fromList: tech.id)
            #expect(try await client.watchlistItems(id: tech.id).map(\.ticker) == ["NVDA", "MSFT"])

            let taken = await refusal {
                _ = try await client.createWatchlist(name: "Chips")
            }
            guard case .conflict(let message) = taken else { throw taken ?? .invalidResponse(reason: "none") }
            #expect(message.contains("name"))
            try await client.deleteWatchlist(id: tech.id)
            let last = await refusal {
                try await client.deleteWatchlist(id: first.id)
            }
            #expect(last?.status == 409)
            #expect(last.map { !$0.message.isEmpty && $0.message != "conflict" } == true)
        }
    }

    @Test("another user's list is 404, as an unknown one; past the list limit is 409", .timeLimit(.minutes(1)))
    func isolationAndLimit() async throws {
        try await LocalServer.run(configure: { $0.watchlists.lists = 2 }) { anonymous in
            let mia = try await LocalServer.user("mia", on: anonymous)
            let noa = try await LocalServer.user("noa", on: anonymous)
            let private_ = try await mia.createWatchlist(name: "Private")
            let calls: [() async throws -> Void] = [
                { _ = try await noa.watchlistItems(id: private_.id) },
                { _ = try await noa.renameWatchlist(id: private_.id, to: "Mine") },
                { try await noa.deleteWatchlist(id: private_.id) },
                { try await noa.add(id: 1, toList: private_.id) },
                { try await noa.orderWatchlist(id: private_.id, ids: []) },
                { _ = try await noa.watchlistItems(id: 987_654) },
            ]
            for call in calls {
                #expect(await refusal(call)?.status == 404)
            }
            #expect(try await mia.watchlists().map(\.name) == ["Watchlist", "Private"])
            let limit = await refusal {
                _ = try await mia.createWatchlist(name: "Third")
            }
            guard case .conflict(let message) = limit else { throw limit ?? .invalidResponse(reason: "none") }
            #expect(message.contains("2"))
        }
    }

    @Test("alerts: create, list, delete; bad values 400, another user's alert 404, past the limit 409",
          .timeLimit(.minutes(1)))
    func alerts() async throws {
        try await LocalServer.run(configure: { $0.maxAlertsPerUser = 2 }) { anonymous in
            let ola = try await LocalServer.user("ola", on: anonymous)
            let pia = try await LocalServer.user("pia", on: anonymous)
            let apple = try #require(try await ola.search(query: "AAPL", limit: 1).first)
            let high = try await ola.createAlert(
                securityID: apple.id, condition: .priceAbove, value: Percent(tenThousandths: 10_000_000_005))
            #expect(high.ticker == "AAPL" && high.condition == .priceAbove && high.value.description == "1000000.0005")
            #expect(!high.fired && high.price == nil && high.createdAt != nil)
            let drop = try await ola.createAlert(
                securityID: apple.id, condition: .changePercentBelow, value: Percent(tenThousandths: -25_000))
            #expect(drop.value.description == "-2.5")
            #expect(try await ola.alerts().map(\.id) == [high.id, drop.id])

            let full = await refusal {
                _ = try await ola.createAlert(securityID: apple.id, condition: .priceBelow,
                                              value: Percent(tenThousandths: 10_000))
            }
            guard case .conflict = full else { throw full ?? .invalidResponse(reason: "none") }
            let negativePrice = await refusal {
                _ = try await pia.createAlert(securityID: apple.id, condition: .priceBelow,
                                              value: Percent(tenThousandths: -10_000))
            }
            #expect(negativePrice?.status == 400)
            #expect(negativePrice?.message.contains("price") == true)
            let unknownSecurity = await refusal {
                _ = try await pia.createAlert(securityID: 987_654_321, condition: .priceBelow,
                                              value: Percent(tenThousandths: 10_000))
            }
            #expect(unknownSecurity?.status == 404)
            let othersAlert = await refusal { try await pia.deleteAlert(id: high.id) }
            #expect(othersAlert?.status == 404)
            #expect(try await pia.alerts().isEmpty)

            try await ola.deleteAlert(id: high.id)
            #expect(try await ola.alerts().map(\.id) == [drop.id])
        }
    }
}

extension Array where Element: Sendable {
    /// The elements mapped one after the other by an async `transform`.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results = [T]()
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
