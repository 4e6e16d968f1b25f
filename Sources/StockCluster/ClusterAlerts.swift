import Logging
import StockMarket
import StockStorage
import StockStoragePostgres
import Synchronization

/// The alert book of this node while it leads (none otherwise): the listener hands it the alerts created and
/// deleted on any node.
final class LeaderAlerts: Sendable {
    private let current = Mutex<AlertMonitor?>(nil)

    var monitor: AlertMonitor? { current.withLock { $0 } }

    func set(_ monitor: AlertMonitor?) { current.withLock { $0 = monitor } }
}

/// What the alert routes of every node tell: a `NOTIFY` that reaches the leader's book.
struct ClusterAlertNotifier: AlertChangeObserver {
    let storage: PostgresStorage
    let logger: Logger

    func alertCreated(_ alert: StoredAlert) async {
        await notify(.alertCreated(id: alert.id))
    }

    func alertDeleted(id: Int64) async {
        await notify(.alertDeleted(id: id))
    }

    private func notify(_ notification: ClusterNotification) async {
        do {
            try await storage.notify(notification)
        } catch {
            // The leader's book reads the alerts again when its listener reconnects or leadership moves.
            logger.error("could not notify the cluster of an alert change", metadata: ["error": "\(error)"])
        }
    }
}

/// The leader's delivery of recorded alerts: one `NOTIFY` per alert, which every node's listener pushes to the
/// user's sockets there, so that each socket gets each alert once whichever node holds it.
struct ClusterFiredAlerts: FiredAlertDelivery {
    let storage: PostgresStorage
    let logger: Logger

    func deliver(_ alerts: [StoredAlert], seq: Int64) async {
        do {
            try await storage.notify(alerts.map { .alertFired(id: $0.id, seq: seq) })
        } catch {
            logger.error("could not notify the cluster of fired alerts", metadata: ["error": "\(error)"])
        }
    }
}
