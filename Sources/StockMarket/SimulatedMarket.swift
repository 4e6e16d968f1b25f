import Foundation
import StockModel
import Synchronization

/// An offline, deterministic market: every security follows its own seeded random walk.
///
/// The same seed, securities and number of calls always give the same prices, whatever the order of the securities
/// or the machine. A security continues from its last price: the stored one, or the reference price its listing
/// gave (the bundled listing has one for every security). One without any starts from a plausible price derived
/// from its ticker. On each tick only a share of the securities (`movedShare`) moves, by a small relative step.
public final class SimulatedMarket: PriceProvider {
    /// The seed every price and move is derived from.
    public let seed: UInt64
    /// The share of securities (0...1) that move on each tick.
    public let movedShare: Double
    /// The standard deviation of one move, relative to the price (0.002 is 0.2 %).
    public let volatility: Double
    private let tick = Mutex<UInt64>(0)
    /// The highest price the walk reaches (10^14, `Price`'s range), however far the steps go.
    static let maxTenThousandths: Int64 = 1_000_000_000_000_000_000

    public init(seed: UInt64 = 0x5EED, movedShare: Double = 0.3, volatility: Double = 0.002) {
        self.seed = seed
        self.movedShare = min(max(movedShare, 0), 1)
        self.volatility = volatility.isFinite ? min(max(volatility, 0), 1) : 0
    }

    public func quotes(for securities: [QuotedSecurity]) async throws -> [Int64: Price] {
        let tick = self.tick.withLock { value in
            value += 1
            return value
        }
        var quotes = [Int64: Price](minimumCapacity: securities.count)
        for security in securities {
            quotes[security.id] = price(of: security, onTick: tick)
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

    /// The price of `security` after tick `tick`: unchanged unless this tick moves it.
    func price(of security: QuotedSecurity, onTick tick: UInt64) -> Price {
        let current = security.lastPrice.flatMap { $0.tenThousandths > 0 ? $0 : nil }
            ?? startingPrice(ticker: security.ticker)
        var random = SplitMix64(seed: seed ^ Self.fnv1a(security.ticker) ^ (tick &* 0x9E37_79B9_7F4A_7C15))
        guard random.nextUnit() < movedShare else { return current }
        let step = exp(volatility * random.nextGaussian())
        guard step.isFinite, step > 0 else { return current }
        // Prices of a dollar and more move in cents, cheaper ones in ten-thousandths, as quotes do.
        let unit: Int64 = current.tenThousandths >= 10_000 ? 100 : 1
        // Clamped in floating point first, so that no step or stored price can overflow the conversion.
        let units = (Double(current.tenThousandths) * step / Double(unit)).rounded()
        var moved = Int64(min(max(units, 1), Double(Self.maxTenThousandths / unit))) * unit
        if moved == current.tenThousandths {
            moved += step >= 1 && moved <= Self.maxTenThousandths - unit ? unit : -unit
        }
        return Price(tenThousandths: max(moved, unit))
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
