/// A set of a quote's fields, named as SPEC's `quote` object names them.
public struct QuoteFields: OptionSet, Sendable, Hashable {
    /// One bit a field.
    public let rawValue: UInt16

    /// The fields whose bits `rawValue` sets.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// `price`.
    public static let price = QuoteFields(rawValue: 1 << 0)
    /// `previous_close`.
    public static let previousClose = QuoteFields(rawValue: 1 << 1)
    /// `change`.
    public static let change = QuoteFields(rawValue: 1 << 2)
    /// `change_percent`.
    public static let changePercent = QuoteFields(rawValue: 1 << 3)
    /// `day_high`.
    public static let dayHigh = QuoteFields(rawValue: 1 << 4)
    /// `day_low`.
    public static let dayLow = QuoteFields(rawValue: 1 << 5)
    /// `volume`.
    public static let volume = QuoteFields(rawValue: 1 << 6)
    /// `currency`.
    public static let currency = QuoteFields(rawValue: 1 << 7)
    /// `market_state`.
    public static let marketState = QuoteFields(rawValue: 1 << 8)
    /// `as_of`.
    public static let asOf = QuoteFields(rawValue: 1 << 9)

    /// Every field: what a `snapshot` carries.
    public static let all: QuoteFields = [
        .price, .previousClose, .change, .changePercent, .dayHigh, .dayLow, .volume, .currency, .marketState, .asOf,
    ]

    /// Each field with its JSON key, in the order SPEC lists them.
    public static let jsonKeys: [(field: QuoteFields, key: String)] = [
        (.price, "price"), (.previousClose, "previous_close"), (.change, "change"),
        (.changePercent, "change_percent"), (.dayHigh, "day_high"), (.dayLow, "day_low"), (.volume, "volume"),
        (.currency, "currency"), (.marketState, "market_state"), (.asOf, "as_of"),
    ]
}

extension Quote {
    /// The fields whose values differ from `old`'s; every field when there is no old quote.
    public func fieldsChanged(since old: Quote?) -> QuoteFields {
        guard let old else { return .all }
        var fields: QuoteFields = []
        func compare(_ field: QuoteFields, _ same: Bool) {
            if !same { fields.insert(field) }
        }
        compare(.price, price == old.price)
        compare(.previousClose, previousClose == old.previousClose)
        if price != old.price || previousClose != old.previousClose {
            compare(.change, change == old.change)
            compare(.changePercent, changePercent == old.changePercent)
        }
        compare(.dayHigh, dayHigh == old.dayHigh)
        compare(.dayLow, dayLow == old.dayLow)
        compare(.volume, volume == old.volume)
        compare(.currency, currency == old.currency)
        compare(.marketState, marketState == old.marketState)
        compare(.asOf, asOf == old.asOf)
        return fields
    }

    /// The fields a socket delta carries after `old` (SPEC: the fields that changed, always with `price`), or
    /// `nil` when no message is due: when nothing but `as_of` changed. A change of `market_state` or
    /// `previous_close` alone is due (its delta holds the unchanged price).
    public func deltaFields(since old: Quote?) -> QuoteFields? {
        let changed = fieldsChanged(since: old)
        guard !changed.subtracting(.asOf).isEmpty else { return nil }
        return changed.union(.price)
    }
}
