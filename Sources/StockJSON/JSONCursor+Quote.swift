import StockModel
import StockQuotes

extension JSONCursor {
    /// The most bytes `writeQuote` writes for `quote`: the keys and punctuation (126), six prices at 26 and the
    /// volume at 21 digits, the market state, the time, and the currency escaped.
    @inlinable
    public static func bound(ofQuote quote: Quote) -> Int {
        126 + 6 * priceBound + numberBound + 9 + timeBound + 2 + bound(ofString: quote.currency ?? "")
    }

    /// The quote object of SPEC's "Quotes" with the `fields` given, in SPEC's order:
    /// `{"price":187.12,"previous_close":185,"change":2.12,"change_percent":1.1459,"day_high":188,"day_low":185.5,
    /// "volume":52000000,"currency":"USD","market_state":"regular","as_of":"2026-08-21T14:30:00Z"}`. Prices and
    /// percentages are exact decimals; an unknown field is `null`.
    @inlinable
    public mutating func writeQuote(_ quote: Quote, fields: QuoteFields = .all) {
        write(byte: UInt8(ascii: "{"))
        var first = true
        for (field, key) in QuoteFields.jsonKeys where fields.contains(field) {
            write(first ? "\"" : ",\"")
            first = false
            writeKey(key)
            writeValue(of: field, in: quote)
        }
        write(byte: UInt8(ascii: "}"))
    }

    /// `key":` (the opening quote is written by the caller); SPEC's keys need no escaping.
    @inlinable
    mutating func writeKey(_ key: String) {
        var key = key
        key.withUTF8 { write(UnsafeRawBufferPointer($0)) }
        write("\":")
    }

    @inlinable
    mutating func writeValue(of field: QuoteFields, in quote: Quote) {
        switch field {
        case .price: writePrice(quote.price)
        case .previousClose: writeOptionalPrice(quote.previousClose)
        case .change: writeOptionalPrice(quote.change)
        case .changePercent: writeOptionalPrice(quote.changePercent.map { Price(tenThousandths: $0.tenThousandths) })
        case .dayHigh: writeOptionalPrice(quote.dayHigh)
        case .dayLow: writeOptionalPrice(quote.dayLow)
        case .volume:
            if let volume = quote.volume { writeDecimal(volume) } else { write("null") }
        case .currency:
            if let currency = quote.currency { writeString(currency) } else { write("null") }
        case .marketState:
            if let state = quote.marketState { writeString(state.rawValue) } else { write("null") }
        case .asOf:
            guard let asOf = quote.asOf else { return write("null") }
            write(byte: UInt8(ascii: "\""))
            writeISO8601(asOf)
            write(byte: UInt8(ascii: "\""))
        default: break
        }
    }

    @inlinable
    mutating func writeOptionalPrice(_ price: Price?) {
        if let price { writePrice(price) } else { write("null") }
    }
}
