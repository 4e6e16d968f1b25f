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
        if let current = currentQuote { writeFragments(current, delta: []) }
    }

    /// The quote as it stands, `nil` while there is no price.
    var currentQuote: Quote? { price.map { Quote(price: $0, currency: currency, figures: quote) } }

    /// Takes a tick's price and, when the tick carries it, the rest of the quote. Returns the fields a delta
    /// carries (those that changed, with the price), or `nil` when no message is due: nothing changed, or only
    /// `as_of` (which the snapshot fragment still follows).
    mutating func update(price: Price, quote newQuote: QuoteFigures?, seq: Int64) -> QuoteFields? {
        // Most securities of a tick move: each quote is built once, the old and the new, and compared by field.
        guard price != self.price || (newQuote != nil && newQuote != quote) else { return nil }
        let old = self.price.map { Quote(price: $0, currency: currency, figures: quote) }
        self.price = price
        if let newQuote { quote = newQuote }
        let current = Quote(price: price, currency: currency, figures: quote)
        let fields = current.deltaFields(since: old)
        if fields != nil {
            previousQuoteChangedAt = quoteChangedAt
            quoteChangedAt = seq
        }
        writeFragments(current, delta: fields ?? [])
        return fields
    }

    /// Rewrites the fragments of the current price and quote, the delta's with `delta`.
    private mutating func writeFragments(_ quote: Quote, delta: QuoteFields) {
        priceFragment = PriceMessageWriter.priceFragment(tickerJSON: tickerJSON, price: quote.price)
        quoteFragment = PriceMessageWriter.quoteFragment(tickerJSON: tickerJSON, quote: quote, fields: .all)
        if !delta.isEmpty {
            deltaFragment = PriceMessageWriter.quoteFragment(tickerJSON: tickerJSON, quote: quote, fields: delta)
        }
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
