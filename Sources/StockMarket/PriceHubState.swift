import Foundation
import StockModel

/// Everything the hub knows, guarded by its lock. Methods never block and never call out; what must happen
/// outside the lock (telling sockets that messages wait, closing sockets) is returned in `Effects`.
struct PriceHubState {
    /// One connection: integer indices and a few flags; prices and quotes live in the security table, so
    /// conflation is free (a connection only remembers up to which tick it has been served).
    struct ConnectionSlot {
        var generation: UInt32 = 0
        var inUse = false
        var userID: Int64 = 0
        var watched: [Int32] = []
        /// Securities just added to the watchlist, to send as a snapshot.
        var snapshotDue: [Int32] = []
        /// Whether the watchlist has been loaded at least once (nothing is sent before).
        var listLoaded = false
        /// The user's lists changed since the last message: a `lists_changed` message is due.
        var listsChangedDue = false
        /// Messages for this connection alone (the user's fired alerts), sent in order before any price.
        var messagesDue: [[UInt8]] = []
        var initialSnapshotDue = true
        /// Every change up to this tick has been handed to the writer.
        var deliveredSeq: Int64 = 0
        /// A watched security changed since the last message.
        var pending = false
        /// The tick at which the socket took its last message; `nil` while it waits for the next one.
        var writingSince: Int64?
        /// The socket waits to be told that messages are waiting (its last `next` found none).
        var parked = true
        var socket: (any PriceSocket)?
        var closedWith: PriceSocketClose?
        var isClosed = false

        var hasWork: Bool {
            isClosed
                || (listLoaded
                    && (initialSnapshotDue || pending || listsChangedDue || !snapshotDue.isEmpty
                        || !messagesDue.isEmpty))
        }
    }

    /// Work for outside the lock.
    struct Effects {
        var wake: [any PriceSocket] = []
        var close: [(any PriceSocket, PriceSocketClose)] = []

        func run() {
            for socket in wake { socket.messagesWaiting() }
            for (socket, reason) in close { socket.close(reason) }
        }
    }

    let maxTicksBehind: Int64
    var seq: Int64 = 0
    var atJSON: [UInt8]
    /// The securities by their `ListingCatalog` position, those of the catalog's first `securities.count`
    /// positions (the catalog may hold more, not yet registered here).
    var securities: [HubSecurity] = []
    var fieldTicks = QuoteFieldTicks()
    var staleCount = 0
    var slots: [ConnectionSlot] = []
    var freeSlots: [UInt32] = []
    var slotsByUser: [Int64: [UInt32]] = [:]
    var appliedTicket: [Int64: UInt64] = [:]
    var lastTicket: UInt64 = 0
    var liveConnections = 0
    /// When the last tick came.
    var lastTickAt = ContinuousClock.now
    /// No tick came for too long (`silence`): every price is reported stale until the next one.
    var silent = false

    init(maxTicksBehind: Int64, now: Date) {
        self.maxTicksBehind = maxTicksBehind
        atJSON = PriceMessageWriter.timeJSON(now)
    }

    // MARK: Securities and ticks

    /// Registers each of `list` the hub does not hold yet (with its last price and quote), at its position in
    /// `listing`; the positions before it that the hub does not hold yet are filled from `listing`. A security
    /// `listing` does not hold is left out.
    mutating func register(_ list: [QuotedSecurity], in listing: ListingCatalog.Listing) {
        for security in list {
            guard let position = listing.position(of: security.id) else { continue }
            fill(upTo: position, from: listing)
            if position == securities.count { append(HubSecurity(security)) }
        }
    }

    /// Registers, from `listing`, the securities at the positions below `end` that the hub does not hold yet.
    mutating func fill(upTo end: Int, from listing: ListingCatalog.Listing) {
        while securities.count < end { append(HubSecurity(QuotedSecurity(listing.securities[securities.count]))) }
    }

    private mutating func append(_ security: HubSecurity) {
        securities.append(security)
        fieldTicks.append()
    }

    /// The hub position of the security `id`: its catalog position, `nil` when the hub does not hold it.
    func position(of id: Int64, in listing: ListingCatalog.Listing) -> Int? {
        listing.position(of: id).flatMap { $0 < securities.count ? $0 : nil }
    }

    /// Applies `tick`, its securities found by their positions in `listing`.
    mutating func publish(_ tick: PriceTick, in listing: ListingCatalog.Listing) -> Effects {
        seq = tick.seq
        atJSON = PriceMessageWriter.timeJSON(tick.at)
        lastTickAt = .now
        var effects = Effects()
        if silent {
            // Ticks are back: each socket's message of this tick holds all its prices (every one changed from
            // stale), with the real staleness.
            silent = false
            for index in listeningSlots {
                slots[index].deliveredSeq = -1
                slots[index].pending = true
                if slots[index].parked { wake(index, effects: &effects) }
            }
        }
        for change in tick.changes {
            guard let position = position(of: change.securityID, in: listing) else { continue }
            guard let fields = securities[position].update(price: change.price, quote: change.quote, seq: seq)
            else { continue }
            fieldTicks.mark(fields, at: position, seq: seq)
            touch(position, effects: &effects)
        }
        for (ids, stale) in [(tick.becameStale, true), (tick.becameFresh, false)] {
            for id in ids {
                guard let position = position(of: id, in: listing), securities[position].stale != stale else {
                    continue
                }
                securities[position].stale = stale
                staleCount += stale ? 1 : -1
                touch(position, effects: &effects)
            }
        }
        return effects
    }

    /// No tick came for a while (the store, or in a cluster the leader, cannot record them): each socket gets a
    /// snapshot with the last tick's seq listing every price stale, and prices stay reported stale until the next
    /// tick, whose message then holds all the socket's prices. Nothing is sent again while the silence lasts.
    mutating func silence() -> Effects {
        var effects = Effects()
        guard !silent else { return effects }
        silent = true
        for index in listeningSlots {
            slots[index].snapshotDue = slots[index].watched
            if slots[index].parked { wake(index, effects: &effects) }
        }
        return effects
    }

    /// The open connections whose watchlist is loaded.
    private var listeningSlots: [Int] {
        slots.indices.filter { slots[$0].inUse && !slots[$0].isClosed && slots[$0].listLoaded }
    }

    /// Marks a security changed in this tick and its watchers pending; tells parked sockets and closes the
    /// connections whose socket has been stuck on a message for `maxTicksBehind` ticks.
    private mutating func touch(_ position: Int, effects: inout Effects) {
        securities[position].changedAt = seq
        for slot in securities[position].subscribers {
            let index = Int(slot)
            slots[index].pending = true
            if slots[index].parked {
                wake(index, effects: &effects)
            } else if let since = slots[index].writingSince, seq - since >= maxTicksBehind {
                close(index, with: .tooSlow, effects: &effects)
            }
        }
    }

    // MARK: Connections

    mutating func connect(userID: Int64, socket: any PriceSocket) -> PriceSocketID {
        let index: Int
        if let free = freeSlots.popLast() {
            index = Int(free)
        } else {
            index = slots.count
            slots.append(ConnectionSlot())
        }
        let generation = slots[index].generation &+ 1
        slots[index] = ConnectionSlot(generation: generation, inUse: true, userID: userID, socket: socket)
        slotsByUser[userID, default: []].append(UInt32(index))
        liveConnections += 1
        return PriceSocketID(slot: UInt32(index), generation: generation)
    }

    func isCurrent(_ id: PriceSocketID) -> Bool {
        Int(id.slot) < slots.count && slots[Int(id.slot)].inUse && slots[Int(id.slot)].generation == id.generation
    }

    mutating func disconnect(_ id: PriceSocketID) {
        guard isCurrent(id) else { return }
        let index = Int(id.slot)
        unsubscribeAll(index)
        let userID = slots[index].userID
        slotsByUser[userID]?.removeAll { $0 == id.slot }
        if slotsByUser[userID]?.isEmpty == true {
            slotsByUser[userID] = nil
            appliedTicket[userID] = nil
        }
        slots[index] = ConnectionSlot(generation: slots[index].generation)
        freeSlots.append(id.slot)
        liveConnections -= 1
    }

    /// Closes a connection from the hub's side: no more subscriptions, its socket is closed; `next` says so.
    mutating func close(_ index: Int, with reason: PriceSocketClose, effects: inout Effects) {
        guard slots[index].inUse, !slots[index].isClosed else { return }
        slots[index].isClosed = true
        slots[index].closedWith = reason
        unsubscribeAll(index)
        if let socket = slots[index].socket { effects.close.append((socket, reason)) }
        slots[index].socket = nil
    }

    /// Tells a parked socket that messages wait.
    private mutating func wake(_ index: Int, effects: inout Effects) {
        slots[index].parked = false
        if let socket = slots[index].socket { effects.wake.append(socket) }
    }

    private mutating func unsubscribeAll(_ index: Int) {
        for security in slots[index].watched {
            securities[Int(security)].subscribers.remove(UInt32(index))
        }
        slots[index].watched = []
        slots[index].snapshotDue = []
    }

    // MARK: Watchlists

    /// A ticket for a watchlist load that starts now, or `nil` when the user has no connection here.
    mutating func beginReload(userID: Int64) -> UInt64? {
        guard slotsByUser[userID] != nil else { return nil }
        lastTicket += 1
        return lastTicket
    }

    /// Applies a loaded watchlist to all the user's connections, unless a load that started later was applied
    /// already. New securities are queued for a snapshot; removed ones unsubscribed. With `announce` (the user's
    /// lists changed), each connection already served also gets a `lists_changed` message.
    /// The watchlist's securities are found by their positions in `listing` (those it does not hold are left out).
    mutating func applyWatchlist(
        userID: Int64, securities list: [Int64], in listing: ListingCatalog.Listing, ticket: UInt64,
        announce: Bool = false
    ) -> Effects {
        var effects = Effects()
        guard let userSlots = slotsByUser[userID], ticket > appliedTicket[userID] ?? 0 else { return effects }
        appliedTicket[userID] = ticket
        let positions = list.compactMap { listing.position(of: $0) }
        fill(upTo: (positions.max() ?? -1) + 1, from: listing)
        var seen = Set<Int32>()
        let indices = positions.map { Int32($0) }.filter { seen.insert($0).inserted }
        for slot in userSlots {
            let index = Int(slot)
            guard !slots[index].isClosed else { continue }
            let old = Set(slots[index].watched)
            for security in slots[index].watched where !seen.contains(security) {
                securities[Int(security)].subscribers.remove(slot)
            }
            for security in indices where !old.contains(security) {
                securities[Int(security)].subscribers.insert(slot)
            }
            if slots[index].listLoaded {
                if announce { slots[index].listsChangedDue = true }
                slots[index].snapshotDue.removeAll { !seen.contains($0) }
                slots[index].snapshotDue += indices.filter { !old.contains($0) }
            } else {
                slots[index].listLoaded = true
            }
            slots[index].watched = indices
            if slots[index].hasWork, slots[index].parked {
                wake(index, effects: &effects)
            }
        }
        return effects
    }

    /// The most messages of its own (fired alerts) a connection holds unsent; past it, it is closed as too slow.
    static let maximumMessagesDue = 256

    /// Queues `message` for every open connection of the user whose list is loaded; `Effects` wakes them. A
    /// connection already holding `maximumMessagesDue` unsent is closed as too slow instead.
    mutating func send(_ message: [UInt8], toUser userID: Int64) -> Effects {
        var effects = Effects()
        for slot in slotsByUser[userID] ?? [] {
            let index = Int(slot)
            guard !slots[index].isClosed, slots[index].listLoaded else { continue }
            guard slots[index].messagesDue.count < Self.maximumMessagesDue else {
                close(index, with: .tooSlow, effects: &effects)
                continue
            }
            slots[index].messagesDue.append(message)
            if slots[index].parked { wake(index, effects: &effects) }
        }
        return effects
    }
}
