import StockModel
import StockQuotes
import Testing
@testable import StockMarket

@Suite("Simulated market")
struct SimulatedMarketTests {
    let securities = (1...2_000).map { QuotedSecurity(id: Int64($0), ticker: "T\($0)", lastPrice: nil) }

    /// Runs `ticks` polls feeding each one's prices into the next, as the poller does.
    func run(_ market: SimulatedMarket, ticks: Int, securities: [QuotedSecurity]) async throws -> [[Int64: Price]] {
        var current = securities
        var history = [[Int64: Price]]()
        for _ in 0..<ticks {
            let quotes = try await market.quotes(for: current).mapValues(\.price)
            history.append(quotes)
            current = current.map { QuotedSecurity(id: $0.id, ticker: $0.ticker, lastPrice: quotes[$0.id]) }
        }
        return history
    }

    /// The securities in `state`, each at 100.
    func trading(in state: MarketState) -> [QuotedSecurity] {
        securities.map {
            QuotedSecurity(id: $0.id, ticker: $0.ticker, lastPrice: Price("100"), quote: QuoteFigures(marketState: state))
        }
    }

    @Test("the same seed gives the same prices, in any order; another seed other prices")
    func determinism() async throws {
        let first = try await run(SimulatedMarket(seed: 42), ticks: 20, securities: securities)
        let again = try await run(SimulatedMarket(seed: 42), ticks: 20, securities: securities.reversed())
        let other = try await run(SimulatedMarket(seed: 43), ticks: 20, securities: securities)
        #expect(first == again)
        #expect(first != other)
    }

    @Test("each tick moves about the configured share of securities, by small steps, to positive prices")
    func movedShare() async throws {
        for share in [0.1, 0.3, 0.9] {
            let history = try await run(SimulatedMarket(seed: 7, movedShare: share), ticks: 2, securities: securities)
            let moved = securities.filter { history[1][$0.id] != history[0][$0.id] }.count
            let observed = Double(moved) / Double(securities.count)
            #expect(abs(observed - share) < 0.05, "share \(share): observed \(observed)")
            for security in securities {
                let before = try #require(history[0][security.id]).tenThousandths
                let after = try #require(history[1][security.id]).tenThousandths
                #expect(after > 0)
                #expect(abs(Double(after - before)) <= Double(before) * 0.02 + 100)
            }
        }
    }

    @Test("starting prices are realistic and follow the ticker, not the order")
    func startingPrices() {
        let market = SimulatedMarket(seed: 1)
        let prices = securities.map { market.startingPrice(ticker: $0.ticker) }
        #expect(prices.allSatisfy { (20_000...6_000_000).contains($0.tenThousandths) })
        #expect(Set(prices).count > 1_500)
        #expect(market.startingPrice(ticker: "AAPL") == SimulatedMarket(seed: 1).startingPrice(ticker: "AAPL"))
    }

    @Test("a security with a last price continues from it")
    func continuesFromLastPrice() async throws {
        let market = SimulatedMarket(seed: 3, movedShare: 1)
        let quotes = try await market.quotes(for: [QuotedSecurity(id: 1, ticker: "AAPL", lastPrice: Price("187.12"))])
        let price = try #require(quotes[1]).price.tenThousandths
        #expect(price != 1_871_200)
        #expect(abs(price - 1_871_200) < 60_000)
    }

    @Test("a stored price at the edge of Int64 and a huge volatility move within the price range, never trap")
    func extremePrices() async throws {
        let market = SimulatedMarket(seed: 5, movedShare: 1, volatility: 1e9)
        let securities = (1...50).map {
            QuotedSecurity(id: Int64($0), ticker: "T\($0)", lastPrice: Price(tenThousandths: .max - Int64($0)))
        }
        for _ in 1...5 {
            let quotes = try await market.quotes(for: securities)
            #expect(quotes.count == 50)
            #expect(quotes.values.allSatisfy { (1...SimulatedMarket.maxTenThousandths).contains($0.price.tenThousandths) })
        }
    }

    @Test("a trading day: regular moves are larger than pre and post ones, a closed market neither moves nor trades")
    func tradingDay() async throws {
        let market = SimulatedMarket(seed: 11, movedShare: 1)
        func meanMove(_ state: MarketState) async throws -> Double {
            let quotes = try await market.quotes(for: trading(in: state))
            return quotes.values.reduce(0) { $0 + abs(Double($1.price.tenThousandths - 1_000_000)) }
                / Double(quotes.count)
        }
        let regular = try await meanMove(.regular)
        let extended = try await meanMove(.pre)
        #expect(regular > 2 * extended)
        #expect(extended > 0)
        let closed = try await market.quotes(for: trading(in: .closed))
        #expect(closed.values.allSatisfy { $0.price == Price("100") && $0.tradedVolume == nil })
        let open = try await market.quotes(for: trading(in: .regular))
        #expect(open.values.contains { ($0.tradedVolume ?? 0) > 0 })
    }
}
