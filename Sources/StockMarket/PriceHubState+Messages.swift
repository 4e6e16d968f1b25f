import Foundation
import StockModel

/// The messages the hub hands a socket: built when the socket can send, from the latest prices and quotes
/// (conflated: a connection behind by several ticks gets one message holding what changed since it was served).
extension PriceHubState {
    /// The next message for a socket, or `nil` when there is none: the socket is then parked until
    /// `Effects.wake` tells it of new work.
    mutating func next(_ id: PriceSocketID) -> PriceDelivery? {
        if let delivery = take(id) { return delivery }
        let index = Int(id.slot)
        slots[index].writingSince = nil
        slots[index].parked = true
        return nil
    }

    /// The next delivery, or `nil` when there is nothing to send (only for a current, open connection).
    private mutating func take(_ id: PriceSocketID) -> PriceDelivery? {
        guard isCurrent(id) else { return .closed(nil) }
        let index = Int(id.slot)
        if slots[index].isClosed { return .closed(slots[index].closedWith) }
        guard slots[index].listLoaded else { return nil }
        if !slots[index].initialSnapshotDue {
            if slots[index].listsChangedDue {
                slots[index].listsChangedDue = false
                slots[index].writingSince = seq
                return .message(PriceMessage(content: .written(PriceMessageWriter.listsChanged(at: Date()))))
            }
            if !slots[index].messagesDue.isEmpty {
                slots[index].writingSince = seq
                return .message(PriceMessage(content: .written(slots[index].messagesDue.removeFirst())))
            }
        }
        if slots[index].initialSnapshotDue || !slots[index].snapshotDue.isEmpty {
            let initial = slots[index].initialSnapshotDue
            let included = initial ? slots[index].watched : slots[index].snapshotDue
            slots[index].snapshotDue = []
            if initial {
                slots[index].initialSnapshotDue = false
                slots[index].deliveredSeq = seq
                slots[index].pending = false
            }
            // A security with a price has a quote: the two fragments come together.
            let priced = included.filter { !securities[Int($0)].priceFragment.isEmpty }
            guard initial || !priced.isEmpty else { return nil }
            slots[index].writingSince = seq
            return message(
                .snapshot, prices: priced.map { securities[Int($0)].priceFragment },
                quotes: priced.map { securities[Int($0)].quoteFragment }, slot: index)
        }
        guard slots[index].pending else { return nil }
        slots[index].pending = false
        let since = slots[index].deliveredSeq
        slots[index].deliveredSeq = seq
        // One allocation each, not one per doubling: most of a connection's securities move in a tick.
        var prices = [[UInt8]]()
        var quotes = [[UInt8]]()
        prices.reserveCapacity(slots[index].watched.count)
        quotes.reserveCapacity(slots[index].watched.count)
        for security in slots[index].watched where securities[Int(security)].changedAt > since {
            let fragment = securities[Int(security)].priceFragment
            guard !fragment.isEmpty else { continue }
            prices.append(fragment)
            if let quote = quoteFragment(of: Int(security), since: since) { quotes.append(quote) }
        }
        guard !prices.isEmpty else { return nil }
        slots[index].writingSince = seq
        return message(.prices, prices: prices, quotes: quotes, slot: index)
    }

    /// A `snapshot` or `prices` message of this tick for the connection in `slot`, with its stale tickers.
    private func message(_ kind: PriceMessageWriter.Kind, prices: [[UInt8]], quotes: [[UInt8]], slot: Int)
        -> PriceDelivery
    {
        .message(PriceMessage(content: .parts(PriceMessageWriter.Parts(
            kind: kind, seq: seq, atJSON: atJSON, prices: prices, quotes: quotes, stale: staleTickers(of: slot)))))
    }

    /// The quote entry of the security at `position` for a connection served up to `since`: the fields changed
    /// since, with the price; `nil` when its quote did not change since. A connection that is not behind gets
    /// the fragment written once for the tick; one behind by more than one change gets the union written for it.
    /// The fields are read in place: a copy of the `HubSecurity` would retain and release each of its arrays, for
    /// every quote of every message.
    private func quoteFragment(of position: Int, since: Int64) -> [UInt8]? {
        guard securities[position].quoteChangedAt > since, securities[position].price != nil else { return nil }
        if securities[position].previousQuoteChangedAt <= since { return securities[position].deltaFragment }
        guard let quote = securities[position].currentQuote else { return nil }
        return PriceMessageWriter.quoteFragment(
            tickerJSON: securities[position].tickerJSON, quote: quote,
            fields: fieldTicks.changed(at: position, since: since))
    }

    private func staleTickers(of index: Int) -> [[UInt8]] {
        if silent {
            return slots[index].watched.compactMap {
                securities[Int($0)].priceFragment.isEmpty ? nil : securities[Int($0)].tickerJSON
            }
        }
        guard staleCount > 0 else { return [] }
        return slots[index].watched.compactMap { securities[Int($0)].stale ? securities[Int($0)].tickerJSON : nil }
    }
}
