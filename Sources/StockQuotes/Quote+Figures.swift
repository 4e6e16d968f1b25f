import StockModel

extension Quote {
    /// The quote of a security at `price` with the listing's `currency` and the rest of its figures.
    public init(price: Price, currency: String?, figures: QuoteFigures) {
        self.init(
            price: price, previousClose: figures.previousClose, dayHigh: figures.dayHigh, dayLow: figures.dayLow,
            volume: figures.volume, currency: currency, marketState: figures.marketState, asOf: figures.asOf)
    }

    /// The quote's figures besides its price and currency, as ticks carry them and the store keeps them.
    public var figures: QuoteFigures {
        QuoteFigures(
            previousClose: previousClose, dayHigh: dayHigh, dayLow: dayLow, volume: volume, marketState: marketState,
            asOf: asOf)
    }
}
