import Foundation
import StockClient

/// The lists as tabs: switching (`[` `]`), creating (`n`), renaming (`R`), deleting (`D`), moving rows
/// (`Shift+↑↓`, `K` `J`), and what the server answers.
extension WatchState {
    // MARK: Events

    mutating func updateLists(_ event: WatchEvent) -> [WatchCommand] {
        switch event {
        case .listsLoaded(let loaded):
            lists = loaded
            rowsByList = rowsByList.filter { id, _ in loaded.contains { $0.id == id } }
            guard let active = activeList?.id ?? loaded.first?.id else { return [] }
            if active != activeListID { show(active) }
            return [.loadList(id: active)]
        case .listItemsLoaded(let listID, var securities):
            if let index = lists.firstIndex(where: { $0.id == listID }) { lists[index].count = securities.count }
            guard listID == activeListID else { return [] }
            // A move not saved yet stays on screen when the server's answer holds the same securities.
            if orderGeneration != savedOrderGeneration, Set(securities.map(\.id)) == Set(watchlist.map(\.id)) {
                let order = Dictionary(uniqueKeysWithValues: watchlist.enumerated().map { ($1.id, $0) })
                securities.sort { order[$0.id, default: 0] < order[$1.id, default: 0] }
            }
            mergeWatchlist(securities)
        case .listCreated(let list):
            if !lists.contains(where: { $0.id == list.id }) { lists.append(list) }
            show(list.id)
            notice = Notice("Created the list “\(list.name)”")
        case .listRenamed(let list):
            if let index = lists.firstIndex(where: { $0.id == list.id }) { lists[index] = list }
            notice = Notice("Renamed the list to “\(list.name)”")
        case .listDeleted(let id, let name):
            // Said even when the list is gone already (the re-read lists after `lists_changed` came first).
            notice = Notice("Deleted the list “\(name)”")
            guard let index = lists.firstIndex(where: { $0.id == id }) else { return [] }
            lists.remove(at: index)
            rowsByList[id] = nil
            guard id == activeListID, !lists.isEmpty else { return [] }
            let next = lists[min(index, lists.count - 1)].id
            show(next, keepingCurrent: false)
            return [.loadList(id: next)]
        case .listsChanged:
            return [.loadLists]
        case .orderSaved(let generation, let error):
            if let error {
                savedOrderGeneration = orderGeneration
                notice = Notice("Could not save the order: \(error)", isError: true)
                return activeListID.map { [.loadList(id: $0)] } ?? []
            }
            if generation == orderGeneration { savedOrderGeneration = generation }
        default:
            break
        }
        return []
    }

    /// Puts list `id` on screen: its rows as last seen (read again by the caller), the first row selected.
    private mutating func show(_ id: Int64, keepingCurrent: Bool = true) {
        if keepingCurrent, let current = activeListID { rowsByList[current] = watchlist }
        activeListID = id
        watchlist = rowsByList[id] ?? []
        selectedRow = 0
        savedOrderGeneration = orderGeneration
    }

    // MARK: Keys (in the watchlist)

    /// The list keys; `nil` when `key` is none of them.
    mutating func handleListKey(_ key: Key) -> [WatchCommand]? {
        switch key {
        case .character("["): return switchList(by: -1)
        case .character("]"): return switchList(by: 1)
        case .character("n"):
            prompt = .create(name: "")
        case .character("R"):
            guard let list = activeList else { return [] }
            prompt = .rename(id: list.id, name: list.name)
        case .character("D"):
            guard let list = activeList else { return [] }
            prompt = .confirmDelete(id: list.id, name: list.name)
        case .shiftUp, .character("K"): return moveSelectedRow(by: -1)
        case .shiftDown, .character("J"): return moveSelectedRow(by: 1)
        default: return nil
        }
        return []
    }

    private mutating func switchList(by step: Int) -> [WatchCommand] {
        guard lists.count > 1, let position = lists.firstIndex(where: { $0.id == activeListID }) else { return [] }
        let next = lists[(position + step + lists.count) % lists.count].id
        show(next)
        return [.loadList(id: next)]
    }

    /// Moves the selected row up or down the user's order and asks for the order to be saved.
    private mutating func moveSelectedRow(by step: Int) -> [WatchCommand] {
        guard sort == .own else {
            notice = Notice("Rows move in your own order: press s until it says “your order”", isError: true)
            return []
        }
        let target = selectedRow + step
        guard let listID = activeListID, watchlist.indices.contains(selectedRow), watchlist.indices.contains(target)
        else { return [] }
        watchlist.swapAt(selectedRow, target)
        selectedRow = target
        orderGeneration += 1
        return [.saveOrder(listID: listID, ids: watchlist.map(\.id), generation: orderGeneration)]
    }

    /// The keys while a prompt is open: typing, Enter, Esc; `y` answers a deletion, anything else declines.
    mutating func handlePrompt(_ key: Key, _ prompt: ListPrompt) -> [WatchCommand] {
        if case .confirmDelete(let id, let name) = prompt {
            self.prompt = nil
            guard key == .character("y") || key == .character("Y") else {
                notice = Notice("Kept the list “\(name)”")
                return []
            }
            return [.deleteList(id: id, name: name)]
        }
        switch key {
        case .escape:
            self.prompt = nil
        case .enter:
            let name = prompt.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                notice = Notice("Type a name for the list, or Esc", isError: true)
                return []
            }
            self.prompt = nil
            if case .rename(let id, _) = prompt { return [.renameList(id: id, name: name)] }
            return [.createList(name: name)]
        case .backspace:
            self.prompt = prompt.typing(String(prompt.name.dropLast()))
        case .control("u"):
            self.prompt = prompt.typing("")
        case .character(let character) where prompt.name.count < Self.listNameLength:
            self.prompt = prompt.typing(prompt.name + String(character))
        default:
            break
        }
        return []
    }

    /// The most characters a list name takes (the server's limit).
    static let listNameLength = 64
}
