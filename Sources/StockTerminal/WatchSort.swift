import Foundation

/// The orders the watchlist can be shown in; `s` cycles through them in this order.
public enum WatchSort: Sendable, Equatable, CaseIterable {
    /// The user's own order (the server's).
    case own
    case ticker
    case name
    /// The last price, highest first.
    case price
    /// The change % since the previous close, highest first.
    case changePercent

    /// The next order of the cycle.
    public var next: WatchSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// What the status line calls it.
    public var label: String {
        switch self {
        case .own: "your order"
        case .ticker: "ticker"
        case .name: "name"
        case .price: "last price"
        case .changePercent: "change %"
        }
    }

    /// `rows` in this order: text A to Z, numbers highest first, rows without the figure last, ties in the user's
    /// order (the sort is stable).
    func sorted(_ rows: [WatchRow]) -> [WatchRow] {
        switch self {
        case .own: rows
        case .ticker: stable(rows) { $0.security.ticker.localizedStandardCompare($1.security.ticker) == .orderedAscending }
        case .name: stable(rows) { $0.security.name.localizedStandardCompare($1.security.name) == .orderedAscending }
        case .price: descending(rows, by: { $0.lastPrice?.decimal })
        case .changePercent: descending(rows, by: \.changePercent)
        }
    }

    private func descending(_ rows: [WatchRow], by key: (WatchRow) -> Decimal?) -> [WatchRow] {
        stable(rows) { left, right in
            switch (key(left), key(right)) {
            case (let left?, let right?): left > right
            case (.some, nil): true
            default: false
            }
        }
    }

    private func stable(_ rows: [WatchRow], by before: (WatchRow, WatchRow) -> Bool) -> [WatchRow] {
        rows.enumerated().sorted { left, right in
            if before(left.element, right.element) { return true }
            if before(right.element, left.element) { return false }
            return left.offset < right.offset
        }.map(\.element)
    }
}
