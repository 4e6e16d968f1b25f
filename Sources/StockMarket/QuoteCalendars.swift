import Foundation
import StockCalendar

/// Which exchange calendars quotes follow (their `market_state`, the previous close's roll-over and the intraday
/// history's sessions): every exchange's own, or one that is always open (the simulated market's default, so
/// that a demo at night keeps moving and reports `regular`; SPEC).
public struct QuoteCalendars: Sendable {
    /// The choice, as `--simulated-calendar` spells it.
    public enum Kind: String, Sendable, CaseIterable {
        /// Each security's exchange calendar (`weekdays-utc` for an exchange with none).
        case exchange
        /// `regular` at every moment, trading days being UTC days.
        case alwaysOpen = "always-open"
    }

    public let kind: Kind
    private let exchanges: ExchangeCalendars?
    private let alwaysOpen: ExchangeCalendar?

    /// The calendars of `kind`, laid out from last year to `yearsAhead` years ahead (building every exchange's
    /// takes a few tens of milliseconds: keep the value). A time outside those years is still answered right,
    /// but each answer then lays its years out again: a server running longer than that gets slower ticks.
    public init(_ kind: Kind, yearsAhead: Int = 4, now: Date = Date()) {
        self.kind = kind
        let around = ExchangeCalendar.defaultYears(around: now)
        let years = around.lowerBound...(around.lowerBound + 1 + max(yearsAhead, 1))
        switch kind {
        case .exchange: (exchanges, alwaysOpen) = (ExchangeCalendars(years: years), nil)
        case .alwaysOpen: (exchanges, alwaysOpen) = (nil, ExchangeCalendar.alwaysOpen(years: years))
        }
    }

    /// The calendar a security listed on `exchange` follows.
    public func calendar(for exchange: String) -> ExchangeCalendar {
        if let alwaysOpen { return alwaysOpen }
        return exchanges!.calendar(for: exchange)
    }
}
