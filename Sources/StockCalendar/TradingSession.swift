import Foundation
import StockModel

/// Whether an exchange is trading, as SPEC's `market_state` spells it: `pre`, `regular`, `post` or `closed`.
/// Defined with the models every side shares (quotes, ticks and clients carry it); named here too.
public typealias MarketState = StockModel.MarketState

/// A stretch of one trading day in one state.
public struct SessionPeriod: Sendable, Hashable {
    /// `pre`, `regular` or `post`.
    public let state: MarketState
    /// When the period begins (included).
    public let start: Date
    /// When the period ends (excluded).
    public let end: Date
}

/// One trading day of an exchange: its periods in time order, from the first open to the last close.
public struct TradingSession: Sendable, Hashable {
    /// The exchange-local day.
    public let day: CalendarDay
    /// The periods, in time order; between two of them (Tokyo's lunch break) the exchange is closed.
    public let periods: [SessionPeriod]
    /// Whether the exchange closes its regular session early this day.
    public let isEarlyClose: Bool

    /// When the first period (pre-market where the exchange has one) begins.
    public var opens: Date { periods[0].start }
    /// When the last period (post-market where the exchange has one) ends.
    public var closes: Date { periods[periods.count - 1].end }
    /// When the regular session begins.
    public var regularOpen: Date { periods.first { $0.state == .regular }!.start }
    /// When the regular session ends: the day's closing price is set, and the previous close rolls over.
    public var regularClose: Date { periods.last { $0.state == .regular }!.end }

    /// The state at `date`: `closed` outside the periods.
    public func state(at date: Date) -> MarketState {
        periods.first { $0.start <= date && date < $0.end }?.state ?? .closed
    }
}

/// An exchange's daily periods, as minutes after local midnight.
struct SessionHours: Sendable {
    /// The pre-market session, where the exchange has one.
    var pre: Range<Int>?
    /// The regular session: one range, or two around a lunch break.
    var regular: [Range<Int>]
    /// The post-market session, where the exchange has one.
    var post: Range<Int>?

    /// The whole day, 00:00 to 24:00, as one regular session.
    static let allDay = SessionHours(regular: [0..<24 * 60])

    /// Minutes after midnight of `hours`:`minutes`.
    static func at(_ hours: Int, _ minutes: Int = 0) -> Int { hours * 60 + minutes }

    /// These hours on a day whose regular session closes at `rule.regularClose`.
    func closingEarly(by rule: EarlyCloseRule) -> SessionHours {
        let regularClose = rule.regularClose
        let clipped = regular.filter { $0.lowerBound < regularClose }
            .map { $0.lowerBound..<min($0.upperBound, regularClose) }
        let earlyPost = post == nil ? nil : rule.postClose.map { regularClose..<$0 }
        return SessionHours(pre: pre, regular: clipped, post: earlyPost)
    }

    /// The periods in time order.
    var periods: [(state: MarketState, minutes: Range<Int>)] {
        (pre.map { [(MarketState.pre, $0)] } ?? []) + regular.map { (MarketState.regular, $0) }
            + (post.map { [(MarketState.post, $0)] } ?? [])
    }
}
