import Foundation
import StockModel

/// One point of a compact intraday history: which bucket of the trading day, and the bucket's last price as
/// a difference from the day's first price. Eight bytes.
struct HistoryPoint: Sendable, Hashable {
    /// Buckets since the trading day's first open.
    var bucket: UInt16
    /// The price minus the day's first price, in ten-thousandths.
    var delta: Int32
}

/// The fallback point of a history whose prices stray further from the day's first price than an `Int32` of
/// ten-thousandths (±214,748.3647) reaches: the whole price. Sixteen bytes.
struct WideHistoryPoint: Sendable, Hashable {
    var bucket: UInt16
    var price: Int64
}

/// A security's price over the current or last trading day, for sparklines: one point per bucket of
/// `bucketSeconds` (5 minutes by default) from the day's first open, holding the last price applied in that
/// bucket; at most `maximumPoints`, oldest first.
///
/// Points take eight bytes (`HistoryPoint`) while every price is within an `Int32` of the day's first one;
/// the first price that is not turns the day's history into sixteen-byte `WideHistoryPoint`s.
struct IntradayHistory: Sendable {
    /// SPEC's bound on a history's points.
    static let maximumPoints = 400

    /// The trading day's first open, in seconds since 1970: bucket 0 starts there.
    private var sessionOpens: Double = 0
    private var firstPrice: Int64 = 0
    private var compact: [HistoryPoint] = []
    private var wide: [WideHistoryPoint] = []

    /// Whether the points had to fall back to whole prices.
    var isWide: Bool { !wide.isEmpty }

    /// The bytes the points' storage holds (capacity times stride), without the arrays' headers.
    var reservedBytes: Int {
        compact.capacity * MemoryLayout<HistoryPoint>.stride + wide.capacity * MemoryLayout<WideHistoryPoint>.stride
    }

    /// Forgets the points (keeping their room) and starts the trading day that opens at `opens`.
    mutating func startDay(opening opens: Date) {
        sessionOpens = opens.timeIntervalSince1970
        compact.removeAll(keepingCapacity: true)
        wide = []
    }

    /// Records `price` as the last price of the bucket `time` falls in. A time past the last bucket counts as
    /// the last bucket, and one before the last point's bucket as that bucket, so the points stay at most
    /// `maximumPoints`, in time order. The first point of a day makes room for `buckets` points, so that the
    /// day never reallocates.
    mutating func record(_ price: Price, at time: Date, bucketSeconds: Int, reserving buckets: Int) {
        let elapsed = max(time.timeIntervalSince1970 - sessionOpens, 0) / Double(bucketSeconds)
        let lastBucket = wide.last?.bucket ?? compact.last?.bucket
        let bucket = max(UInt16(min(elapsed, Double(Self.maximumPoints - 1))), lastBucket ?? 0)
        if lastBucket == nil {
            // The day's first point: no wide points yet.
            firstPrice = price.tenThousandths
            compact.reserveCapacity(buckets)
        }
        let isSameBucket = lastBucket == bucket
        if wide.isEmpty, let delta = Int32(exactly: Int128(price.tenThousandths) - Int128(firstPrice)) {
            let point = HistoryPoint(bucket: bucket, delta: delta)
            if isSameBucket { compact[compact.count - 1] = point } else { compact.append(point) }
            return
        }
        if wide.isEmpty { widen() }
        let point = WideHistoryPoint(bucket: bucket, price: price.tenThousandths)
        if isSameBucket { wide[wide.count - 1] = point } else { wide.append(point) }
    }

    /// The points as instants (each bucket's start) and prices, oldest first.
    func points(bucketSeconds: Int) -> [(Date, Price)] {
        func instant(_ bucket: UInt16) -> Date {
            Date(timeIntervalSince1970: sessionOpens + Double(Int(bucket) * bucketSeconds))
        }
        if !wide.isEmpty { return wide.map { (instant($0.bucket), Price(tenThousandths: $0.price)) } }
        return compact.map { (instant($0.bucket), Price(tenThousandths: firstPrice + Int64($0.delta))) }
    }

    /// Moves the compact points to whole prices.
    private mutating func widen() {
        wide.reserveCapacity(compact.capacity)
        wide.append(contentsOf: compact.lazy.map { [firstPrice] in
            WideHistoryPoint(bucket: $0.bucket, price: firstPrice + Int64($0.delta))
        })
        compact = []
    }
}
