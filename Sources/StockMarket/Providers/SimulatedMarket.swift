import Foundation
import StockModel
import StockQuotes
import Synchronization

/// An offline, deterministic market: every security follows its own seeded random walk through the trading day.
///
/// The same seed, securities and number of calls always give the same prices, whatever the order of the securities
/// or the machine. A security continues from its last price: the stored one, or the reference price its listing
/// gave (the bundled listing has one for every security, with its previous close). One without any starts from a
/// plausible price derived from its ticker. On each tick only a share of the securities (`movedShare`) moves, by a
/// small relative step (`SimulatedMotion`: integer arithmetic only) whose size follows the security's market
/// state: full in the regular session, less pre and post, none when closed (then nothing trades either). Each
/// move trades some shares, which add up to the day's volume.
public final class SimulatedMarket: PriceProvider {
    /// The seed every price and move is derived from.
    public let seed: UInt64
    /// The share of securities (0...1) that move on each tick.
    public let movedShare: Double
    /// The standard deviation of one regular-session move, relative to the price (0.002 is 0.2 %), 0...1.
    public let volatility: Double
    private let motion: SimulatedMotion
    private let tick = Mutex<UInt64>(0)
    /// The highest price the walk reaches (10^14, `Price`'s range), however far the steps go.
    static let maxTenThousandths: Int64 = 1_000_000_000_000_000_000

    public init(seed: UInt64 = 0x5EED, movedShare: Double = 0.3, volatility: Double = 0.002) {
        self.seed = seed
        self.movedShare = movedShare.isFinite ? min(max(movedShare, 0), 1) : 0
        self.volatility = volatility.isFinite ? min(max(volatility, 0), 1) : 0
        motion = SimulatedMotion(
            seed: seed, movedSharePPM: Int64((self.movedShare * 1_000_000).rounded()),
            volatilityPPM: Int64((self.volatility * 1_000_000).rounded()))
    }

    public func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: ProviderQuote] {
        let tick = self.tick.withLock { value in
            value += 1
            return value
        }
        var quotes = [Int64: ProviderQuote](minimumCapacity: securities.count)
        for security in securities {
            quotes[security.id] = quote(of: security, onTick: tick)
        }
        return quotes
    }

    /// The plausible price a security without any price starts from: log-uniform between 2 and 600, in cents.
    public func startingPrice(ticker: String) -> Price {
        var random = SplitMix64(seed: seed ^ Self.fnv1a(ticker))
        let fraction = random.nextUnit()
        let dollars = exp(log(2.0) + fraction * (log(600.0) - log(2.0)))
        return Price(tenThousandths: Int64((dollars * 100).rounded()) * 100)
    }

    /// The quote of `security` after tick `tick`: unchanged unless this tick moves it; the shares traded in the
    /// tick unless its market is closed (a security without a market state is taken as trading regularly).
    func quote(of security: QuotedSecurity, onTick tick: UInt64) -> ProviderQuote {
        let current = security.lastPrice.flatMap { $0.tenThousandths > 0 ? $0 : nil }
            ?? startingPrice(ticker: security.ticker)
        let state = security.quote.marketState ?? .regular
        let step = motion.step(from: current, key: Self.fnv1a(security.ticker), tick: tick, state: state)
        let price = Price(tenThousandths: min(step.price.tenThousandths, Self.maxTenThousandths))
        return ProviderQuote(price: price, tradedVolume: state == .closed ? nil : step.traded)
    }

    /// FNV-1a over the UTF-8 bytes: a hash that, unlike `Hasher`, is the same in every process.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return hash
    }
}
