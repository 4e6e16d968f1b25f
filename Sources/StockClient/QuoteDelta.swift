import Foundation
import StockModel
import StockQuotes

/// One security's entry in a live-price message's `quotes`: every field in a `snapshot`, the fields that changed
/// (always with the price) in a `prices` message. `change` and `change_percent` are not read: `Quote` derives them
/// from the price and the previous close, exactly as the server does.
public struct QuoteDelta: Decodable, Sendable, Equatable {
    /// The fields the entry holds.
    public var fields: QuoteFields
    /// The entry's values: the fields it does not hold are `nil` here.
    public var values: Quote

    public init(fields: QuoteFields, values: Quote) {
        self.fields = fields
        self.values = values
    }

    /// `old` with this entry's fields applied; without an old quote, the entry's values.
    public func applied(to old: Quote?) -> Quote {
        guard var quote = old else { return values }
        quote.price = values.price
        if fields.contains(.previousClose) { quote.previousClose = values.previousClose }
        if fields.contains(.dayHigh) { quote.dayHigh = values.dayHigh }
        if fields.contains(.dayLow) { quote.dayLow = values.dayLow }
        if fields.contains(.volume) { quote.volume = values.volume }
        if fields.contains(.currency) { quote.currency = values.currency }
        if fields.contains(.marketState) { quote.marketState = values.marketState }
        if fields.contains(.asOf) { quote.asOf = values.asOf }
        return quote
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        fields = []
        for (field, key) in QuoteFields.jsonKeys where container.contains(Key(stringValue: key)) {
            fields.insert(field)
        }
        values = try Quote(from: decoder)
    }
}
