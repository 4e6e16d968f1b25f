import Foundation

/// The SplitMix64 generator: tiny, fast, fully determined by its seed and the same on every platform. The one
/// seeded generator of the project: the simulated market, the simulated trading day, `generate-users` and the
/// benchmarks' synthetic data all draw from it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalize(state)
    }

    /// A well-mixed 64-bit value from any 64-bit input: `SplitMix64(seed: value).next()`, without a generator.
    public static func mix(_ value: UInt64) -> UInt64 { finalize(value &+ 0x9E37_79B9_7F4A_7C15) }

    private static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A standard normal value (Box-Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = max(nextUnit(), .leastNonzeroMagnitude)
        let u2 = nextUnit()
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }
}
