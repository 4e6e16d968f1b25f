/// Counts of latencies in 0.1 ms buckets up to 30 s (later ones land in the last bucket; the exact maximum is kept).
///
/// Recording is an array increment: no allocation per value. Histograms of several event loops or processes add up.
struct LatencyHistogram: Codable, Sendable {
    static let bucketMilliseconds = 0.1
    static let bucketCount = 300_000

    private(set) var buckets: [UInt32]
    private(set) var count = 0
    private(set) var maxMilliseconds = -Double.infinity

    init() { buckets = [UInt32](repeating: 0, count: Self.bucketCount) }

    mutating func record(nanoseconds: Int64) {
        let milliseconds = Double(nanoseconds) / 1e6
        let bucket = Int(milliseconds / Self.bucketMilliseconds)
        buckets[min(max(bucket, 0), Self.bucketCount - 1)] += 1
        count += 1
        maxMilliseconds = max(maxMilliseconds, milliseconds)
    }

    mutating func add(_ other: LatencyHistogram) {
        for index in other.buckets.indices where other.buckets[index] != 0 { buckets[index] += other.buckets[index] }
        count += other.count
        maxMilliseconds = max(maxMilliseconds, other.maxMilliseconds)
    }

    /// The p-th percentile (0...100) in ms, by the same nearest rank as `percentile(_:_:)`: the lower edge of the
    /// bucket holding it.
    func percentile(_ p: Double) -> Double {
        guard count > 0 else { return .nan }
        let rank = Int((p / 100 * Double(count - 1)).rounded())
        var seen = 0
        for (index, bucketCount) in buckets.enumerated() {
            seen += Int(bucketCount)
            if seen > rank { return Double(index) * Self.bucketMilliseconds }
        }
        return maxMilliseconds
    }

    // Stored sparsely: only the non-empty buckets, as [index, count] pairs.
    private enum CodingKeys: String, CodingKey { case buckets, count, maxMilliseconds }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        for pair in try container.decode([[Int]].self, forKey: .buckets) where pair.count == 2 {
            buckets[pair[0]] = UInt32(pair[1])
        }
        count = try container.decode(Int.self, forKey: .count)
        maxMilliseconds = try container.decodeIfPresent(Double.self, forKey: .maxMilliseconds) ?? -.infinity
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let pairs = buckets.indices.filter { buckets[$0] != 0 }.map { [$0, Int(buckets[$0])] }
        try container.encode(pairs, forKey: .buckets)
        try container.encode(count, forKey: .count)
        if count > 0 { try container.encode(maxMilliseconds, forKey: .maxMilliseconds) }
    }
}
