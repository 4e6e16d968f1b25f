import ServiceLifecycle

/// Watches that ticks keep coming: when none has reached the hub for `staleAfterPolls` poll intervals, and at
/// least `minimumSilence` (the store cannot record them, or in a cluster the leader cannot, or no node leads),
/// the hub reports every price stale until the next tick. Prices a socket shows are then never silently old,
/// whichever part failed. The minimum keeps a short interval's late tick (a loaded machine, a slow poll) from
/// counting as an outage.
public struct TickSilenceWatch: Service {
    /// The shortest silence reported, however short the poll interval.
    public static let minimumSilence: Duration = .seconds(5)

    let hub: PriceHub
    let interval: Duration
    let silence: Duration

    /// - Parameters:
    ///   - interval: the poll interval; the watch looks once per interval.
    ///   - staleAfterPolls: the intervals without a tick after which prices are reported stale (as the poller
    ///     reports one security stale after that many polls without a quote).
    public init(hub: PriceHub, interval: Duration, staleAfterPolls: Int) {
        self.hub = hub
        self.interval = interval
        silence = max(interval * max(staleAfterPolls, 1), Self.minimumSilence)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: interval)) != nil {
                hub.reportStaleIfNoTick(for: silence)
            }
        }
    }
}
