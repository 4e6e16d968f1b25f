import StockModel
import StockQuotes

/// A security as the hub serves it, at its `ListingCatalog` position: its latest price and quote, and the JSON
/// fragments of them that messages are built from, written once per change (not per socket).
struct HubSecurity {
    let id: Int64
    let tickerJSON: [UInt8]
    let currency: String?
    var price: Price?
    var quote = QuoteFigures()
    /// `"AAPL":187.12`, empty while there is no price.
    var priceFragment: [UInt8] = []
    /// `"AAPL":{every quote field}`, empty while there is no price.
    var quoteFragment: [UInt8] = []
    /// `"AAPL":{the fields of the last quote change}`.
    var deltaFragment: [UInt8] = []
    /// The tick of the last quote change a message was due for, and of the one before it.
    var quoteChangedAt: Int64 = 0
    var previousQuoteChangedAt: Int64 = 0
    /// The last tick that changed the price, the quote or the staleness.
    var changedAt: Int64 = 0
    var stale = false
    /// Slots of the connections watching this security.
    var subscribers = Set<UInt32>()

    init(_ security: QuotedSecurity) {
        id = security.id
        tickerJSON = PriceMessageWriter.jsonString(security.ticker)
        currency = security.currency
        price = security.lastPrice
        quote = security.quote
        if let current = currentQuote { writeFragments(current) }
    }

    /// The quote as it stands, `nil` while there is no price.
    var currentQuote: Quote? { price.map { Quote(price: $0, currency: currency, figures: quote) } }

    /// What a tick's change is worked out from: the security as the last tick left it, copied out of the hub.
    struct Standing: Sendable {
        let position: Int
        let tickerJSON: [UInt8]
        let currency: String?
        let price: Price?
        let quote: QuoteFigures
    }

    /// A tick's change of one security, worked out outside the hub's lock (`Standing.change`) and applied under it.
    struct Change: Sendable {
        let position: Int
        let price: Price
        let quote: QuoteFigures
        /// The fields a delta carries (those that changed, with the price), or `nil` when no message is due: only
        /// `as_of` changed (which the snapshot fragment still follows).
        let fields: QuoteFields?
        let priceFragment: [UInt8]
        let quoteFragment: [UInt8]
        /// `nil` when the delta fragment stays.
        let deltaFragment: [UInt8]?
    }

    /// The security as it stands, at `position`.
    func standing(at position: Int) -> Standing {
        Standing(position: position, tickerJSON: tickerJSON, currency: currency, price: price, quote: quote)
    }

    /// Takes a prepared change; returns its fields (see `Change.fields`).
    mutating func apply(_ change: Change, seq: Int64) -> QuoteFields? {
        price = change.price
        quote = change.quote
        if change.fields != nil {
            previousQuoteChangedAt = quoteChangedAt
            quoteChangedAt = seq
        }
        priceFragment = change.priceFragment
        quoteFragment = change.quoteFragment
        if let delta = change.deltaFragment { deltaFragment = delta }
        return change.fields
    }

    /// Rewrites the fragments of the current price and quote.
    private mutating func writeFragments(_ quote: Quote) {
        priceFragment = PriceMessageWriter.priceFragment(tickerJSON: tickerJSON, price: quote.price)
        quoteFragment = PriceMessageWriter.quoteFragment(tickerJSON: tickerJSON, quote: quote, fields: .all)
    }
}

extension HubSecurity.Standing {
    /// The change a tick's `price` and, when the tick carries it, the rest of the quote make, or `nil` when they
    /// change nothing.
    func change(to price: Price, quote newQuote: QuoteFigures?) -> HubSecurity.Change? {
        // Most securities of a tick move: each quote is built once, the old and the new, and compared by field.
        guard price != self.price || (newQuote != nil && newQuote != quote) else { return nil }
        let old = self.price.map { Quote(price: $0, currency: currency, figures: quote) }
        let figures = newQuote ?? quote
        let current = Quote(price: price, currency: currency, figures: figures)
        let fields = current.deltaFields(since: old)
        return HubSecurity.Change(
            position: position, price: price, quote: figures, fields: fields,
            priceFragment: PriceMessageWriter.priceFragment(tickerJSON: tickerJSON, price: price),
            quoteFragment: PriceMessageWriter.quoteFragment(tickerJSON: tickerJSON, quote: current, fields: .all),
            deltaFragment: fields.map {
                PriceMessageWriter.quoteFragment(tickerJSON: tickerJSON, quote: current, fields: $0)
            })
    }
}

/// The tick at which each quote field of each hub security last changed, in one flat array (ten a security), so
/// that a connection served up to an older tick gets the union of the fields changed since.
struct QuoteFieldTicks {
    private static let fieldCount = 10
    private var ticks: [Int64] = []

    /// Makes room for one more security.
    mutating func append() {
        ticks.append(contentsOf: repeatElement(0, count: Self.fieldCount))
    }

    /// Notes that `fields` of the security at `position` changed at `seq`.
    mutating func mark(_ fields: QuoteFields, at position: Int, seq: Int64) {
        for bit in 0..<Self.fieldCount where fields.rawValue & (1 << bit) != 0 {
            ticks[position * Self.fieldCount + bit] = seq
        }
    }

    /// The fields of the security at `position` that changed after `since`.
    func changed(at position: Int, since: Int64) -> QuoteFields {
        var fields = QuoteFields()
        for bit in 0..<Self.fieldCount where ticks[position * Self.fieldCount + bit] > since {
            fields.insert(QuoteFields(rawValue: 1 << bit))
        }
        return fields
    }
}
