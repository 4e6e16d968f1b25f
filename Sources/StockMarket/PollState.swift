import Foundation
import StockModel
import StockQuotes

/// The poller's memory between ticks: the listing's securities as last quoted, every security's trading day in a
/// `QuoteBook` (roll-over of the previous close, day range, volume, market state), and how many polls each
/// security has gone without a fresh quote.
struct PollState {
    var seq: Int64
    let staleAfter: Int
    let calendars: QuoteCalendars
    var listingVersion: Int64?
    /// The listing's securities, in listing order, each as last quoted (its market state the current tick's).
    var securities: [QuotedSecurity] = []
    /// Each security's index in `book`, by position in `securities`.
    var bookIndices: [Int32] = []
    /// Each book index's position in `securities`, or -1 for a security no longer listed.
    var positions: [Int] = []
    var missedPolls: [Int] = []
    var stale: [Bool] = []
    var failedPolls = 0
    /// Works the quotes out; its histories stay empty (each node's hub keeps those, from the published ticks).
    var book = QuoteBook(recordsHistory: false)
    /// Book indices whose whole quote goes into the next tick, changed or not: securities just registered, whose
    /// market state and day the store and the other nodes do not know yet.
    var dueInFull: [Int32] = []

    init(seq: Int64, staleAfter: Int, calendars: QuoteCalendars = QuoteCalendars(.alwaysOpen)) {
        self.seq = seq
        self.staleAfter = max(staleAfter, 1)
        self.calendars = calendars
    }

    /// Takes a new listing at `time`: securities already known keep their quote, day and staleness; new ones are
    /// registered with their calendar and what the store knows of them (their last quote, or the listing's
    /// reference price and previous close).
    mutating func load(_ listing: [Security], at time: Date) {
        var known = [Int64: (Int, Bool)]()
        for (offset, security) in securities.enumerated() {
            known[security.id] = (missedPolls[offset], stale[offset])
        }
        bookIndices = listing.map { security in
            let count = book.count
            let index = book.register(
                id: security.id, calendar: calendars.calendar(for: security.exchange), currency: security.currency,
                last: security.lastPrice.map { Quote(price: $0, currency: security.currency, figures: security.quote) },
                at: time)
            if index == count { dueInFull.append(index) }
            return index
        }
        positions = Array(repeating: -1, count: book.count)
        for (offset, index) in bookIndices.enumerated() { positions[Int(index)] = offset }
        securities = zip(listing, bookIndices).map { security, index in
            var quoted = QuotedSecurity(security)
            if let quote = book.quote(at: index) {
                quoted.lastPrice = quote.price
                quoted.quote = quote.figures
            }
            return quoted
        }
        missedPolls = listing.map { known[$0.id]?.0 ?? 0 }
        stale = listing.map { known[$0.id]?.1 ?? false }
    }

    /// Sets every security's market state to its calendar's at `time`, for the provider to quote by.
    mutating func prepare(at time: Date) {
        let states = book.marketStates(at: time)
        for offset in securities.indices {
            securities[offset].quote.marketState = states[Int(bookIndices[offset])]
        }
    }

    /// Folds one poll's quotes into the trading day at `time` and returns the tick: the securities whose quote
    /// changed (price, roll-over, new day, market state; with their whole quote), and staleness transitions.
    mutating func apply(_ quotes: [Int64: ProviderQuote], at time: Date) -> PriceTick {
        var tick = PriceTick(seq: seq, at: time, changes: [])
        var updates: [QuoteUpdate] = []
        updates.reserveCapacity(quotes.count)
        for offset in securities.indices {
            let id = securities[offset].id
            if let quote = quotes[id] {
                missedPolls[offset] = 0
                updates.append(QuoteUpdate(index: bookIndices[offset], quote: quote))
                if stale[offset] {
                    stale[offset] = false
                    tick.becameFresh.append(id)
                }
            } else {
                missedPolls[offset] += 1
                if !stale[offset], missedPolls[offset] >= staleAfter, securities[offset].lastPrice != nil {
                    stale[offset] = true
                    tick.becameStale.append(id)
                }
            }
        }
        var included = Set<Int32>()
        for index in book.apply(updates, at: time).map(\.index) + dueInFull where included.insert(index).inserted {
            let offset = positions[Int(index)]
            guard offset >= 0, let quote = book.quote(at: index) else { continue }
            securities[offset].lastPrice = quote.price
            securities[offset].quote = quote.figures
            tick.changes.append(
                PriceUpdate(securityID: securities[offset].id, price: quote.price, quote: quote.figures))
        }
        dueInFull = []
        return tick
    }
}
