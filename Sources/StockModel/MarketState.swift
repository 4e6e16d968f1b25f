/// Whether an exchange is trading, as SPEC's `market_state` spells it. Exchange calendars (`StockCalendar`, which
/// names this type too) work it out; quotes, ticks and clients carry it.
public enum MarketState: String, Sendable, CaseIterable {
    /// The pre-market session before the regular open.
    case pre
    /// The regular session (also the always-open calendar's only state).
    case regular
    /// The post-market (after-hours) session.
    case post
    /// No session: night, weekend, holiday, or a break such as Tokyo's lunch.
    case closed
}
