import Foundation
import StockClient

extension Effects {
    /// The commands about lists and alerts: each one a request whose outcome comes back as an event.
    mutating func executeListsAndAlerts(_ command: WatchCommand) {
        let client = client
        switch command {
        case .loadLists:
            change("Could not read the lists") { () async throws(StockClientError) in
                .listsLoaded(try await client.watchlists())
            }
        case .loadList(let id):
            change("Could not read the list") { () async throws(StockClientError) in
                do throws(StockClientError) {
                    return .listItemsLoaded(listID: id, try await client.watchlistItems(id: id))
                } catch where error.status == 404 {
                    return .listsChanged  // deleted meanwhile (here or elsewhere): read the lists again
                }
            }
        case .createList(let name):
            change("Could not create the list “\(name)”") { () async throws(StockClientError) in
                .listCreated(try await client.createWatchlist(name: name))
            }
        case .renameList(let id, let name):
            change("Could not rename the list to “\(name)”") { () async throws(StockClientError) in
                .listRenamed(try await client.renameWatchlist(id: id, to: name))
            }
        case .deleteList(let id, let name):
            change("Could not delete the list “\(name)”") { () async throws(StockClientError) in
                try await client.deleteWatchlist(id: id)
                return .listDeleted(id: id, name: name)
            }
        case .saveOrder(let listID, let ids, let generation):
            saveOrder(listID: listID, ids: ids, generation: generation)
        case .loadAlerts:
            change("Could not read the alerts") { () async throws(StockClientError) in
                .alertsLoaded(try await client.alerts())
            }
        case .createAlert(let securityID, let ticker, let condition, let value):
            change("Could not set the alert on \(ticker)") { () async throws(StockClientError) in
                .alertCreated(try await client.createAlert(securityID: securityID, condition: condition, value: value))
            }
        case .deleteAlert(let id, let ticker):
            change("Could not delete the alert on \(ticker)") { () async throws(StockClientError) in
                try await client.deleteAlert(id: id)
                return .alertDeleted(id: id)
            }
        default:
            break
        }
    }

    /// Saves a list's order after `orderDebounce`, unless a newer move comes first (it replaces this one).
    private mutating func saveOrder(listID: Int64, ids: [Int64], generation: Int) {
        orderSave?.cancel()
        let client = client
        let sink = sink
        orderSave = Self.afterPause(orderDebounce) {
            do throws(StockClientError) {
                try await client.orderWatchlist(id: listID, ids: ids)
                sink.yield(.watch(.orderSaved(generation: generation, error: nil)))
            } catch {
                sink.yield(.watch(Self.failure(error) ?? .orderSaved(generation: generation, error: error.message)))
            }
        }
    }
}
