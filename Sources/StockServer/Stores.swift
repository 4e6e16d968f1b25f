import StockStorage

/// The storage the application runs on, one value per protocol; the composition root (`StockApp`) picks the
/// implementation.
public struct Stores: Sendable {
    public var securities: any SecurityStore
    public var accounts: any AccountStore
    public var watchlists: any WatchlistStore
    public var alerts: any AlertStore

    public init(
        securities: any SecurityStore, accounts: any AccountStore, watchlists: any WatchlistStore,
        alerts: any AlertStore
    ) {
        self.securities = securities
        self.accounts = accounts
        self.watchlists = watchlists
        self.alerts = alerts
    }

    /// Every store on one storage that implements them all.
    public init(_ storage: some SecurityStore & AccountStore & WatchlistStore & AlertStore) {
        self.init(securities: storage, accounts: storage, watchlists: storage, alerts: storage)
    }
}
