import StockModel
import StockSearch

extension SearchRecord {
    /// What the search index reads of a security, known to the index as `id` (the server uses the security's
    /// position in the listing, the index tool its database id). The one place a `SearchRecord` is made.
    public init(_ security: Security, id: Int64) {
        self.init(
            id: id, ticker: security.ticker, name: security.name, aliases: security.aliases, isETF: security.isETF,
            isin: security.isin, marketCap: security.marketCap.map { Double($0.tenThousandths) / 10_000 })
    }
}
