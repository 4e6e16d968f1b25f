import ServiceLifecycle

/// Watches that ticks keep coming: when none has reached the hub for `staleAfterPolls` poll intervals (the store
/// cannot record them, or in a cluster the leader cannot, or no node leads), the hub reports every price stale
/// until the next tick. Prices a socket shows are then never silently old, whichever part failed.
public struct TickSilenceWatch: Service {
    let hub: PriceHub
    let interval: Duration
    let staleAfterPolls: Int

    /// - Parameters:
    ///   - interval: the poll interval; the watch looks once per interval.
    ///   - staleAfterPolls: the intervals without a tick after which prices are reported stale (as the poller
    ///     reports one security stale after that many polls without a quote).
    public init(hub: PriceHub, interval: Duration, staleAfterPolls: Int) {
        self.hub = hub
        self.interval = interval
        self.staleAfterPolls = max(staleAfterPolls, 1)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: interval)) != nil {
                hub.reportStaleIfNoTick(for: interval * staleAfterPolls)
            }
        }
    }
}
