import Foundation
import StockModel
import StockQuotes
import Synchronization

/// Every security's intraday history on this node (`GET /security/{id}/history`), recorded from the ticks its hub
/// publishes, so that every node of a cluster keeps one: a point per bucket (5 minutes) of the current or last
/// trading day in which the price changed, at most 400, in the compact form of `QuoteBook` (8 bytes a point).
/// It starts empty when the node starts.
final class TickHistory: Sendable {
    private let calendars: QuoteCalendars
    private let book = Mutex(QuoteBook())

    init(calendars: QuoteCalendars) {
        self.calendars = calendars
    }

    /// Makes `securities` known (each with its exchange's calendar); known ones are kept.
    func register(_ securities: [QuotedSecurity], at time: Date) {
        book.withLock { book in
            for security in securities {
                book.register(
                    id: security.id, calendar: calendars.calendar(for: security.exchange),
                    currency: security.currency, last: nil, at: time)
            }
        }
    }

    /// Records the prices of `tick` (ticks come in time order).
    func record(_ tick: PriceTick) {
        book.withLock { book in
            let updates = tick.changes.compactMap { change in
                book.index(of: change.securityID).map { QuoteUpdate(index: $0, price: change.price) }
            }
            _ = book.apply(updates, at: tick.at)
        }
    }

    /// The points of the security `id` (each bucket's start and its last price), oldest first; `nil` for a
    /// security the hub does not know.
    func points(of id: Int64) -> [(Date, Price)]? {
        book.withLock { book in book.index(of: id).map { book.history(at: $0) } }
    }
}
