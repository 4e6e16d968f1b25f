import Foundation
import StockCalendar

/// What the quote book needs of one exchange calendar at one instant, worked out once per calendar per tick
/// (a few calendar look-ups) and then shared by every security on that calendar.
struct CalendarMoment: Sendable {
    /// `pre`, `regular`, `post` or `closed`.
    let state: MarketState
    /// The current or last trading day (the last session that has opened), as days since 1970.
    let tradingDay: Int32
    /// When that trading day's first session opened: bucket 0 of its intraday history.
    let sessionOpens: Date
    /// How many history buckets the trading day's sessions span, at most `IntradayHistory.maximumPoints`.
    let sessionBuckets: Int
    /// The last trading day whose regular session has ended (its closing price is set), as days since 1970.
    let lastClosedDay: Int32

    init(_ calendar: ExchangeCalendar, at time: Date, bucketSeconds: Int) {
        state = calendar.state(at: time)
        let session = calendar.lastSession(at: time)
        tradingDay = Int32(session.day.daysSince1970)
        sessionOpens = session.opens
        let seconds = session.closes.timeIntervalSince(session.opens)
        sessionBuckets = min(Int((seconds / Double(bucketSeconds)).rounded(.up)), IntradayHistory.maximumPoints)
        if time >= session.regularClose {
            lastClosedDay = tradingDay
        } else {
            // The session before: the last one that had opened a moment before this one did.
            lastClosedDay = Int32(calendar.lastSession(at: session.opens.addingTimeInterval(-1)).day.daysSince1970)
        }
    }
}
