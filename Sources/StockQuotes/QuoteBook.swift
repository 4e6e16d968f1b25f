import Foundation
import StockCalendar
import StockModel

/// Every security's trading day: its quote (price, previous close, day high / low, volume, market state) and
/// its intraday history, kept as parallel arrays over dense indices so that 20,000 securities cost little.
///
/// Each security is registered once with its exchange calendar (resolved once, never per tick), and each tick
/// goes through `apply(_:at:)`, which also moves every security's day along its calendar:
/// - at the end of a trading day's regular session the previous close rolls over to the last price applied
///   before that moment (a security with no price that day closes at its last known price);
/// - when the next trading day opens (pre-market where there is one), day high, day low, volume and the
///   intraday history start again empty;
/// - `market_state` is the calendar's at the tick.
///
/// Ticks must come in time order. `always-open` (the simulated market's default calendar) rolls and starts
/// the new day at UTC midnight.
public struct QuoteBook: Sendable {
    /// The width of an intraday history bucket, in seconds.
    public let bucketSeconds: Int
    /// Whether prices are recorded into the intraday histories (a book that only works out quotes needs none).
    public let recordsHistory: Bool

    private var calendars: [ExchangeCalendar] = []
    private var calendarSlots: [String: UInt16] = [:]
    /// Each calendar's moment as of the last tick (or registration).
    private var moments: [CalendarMoment] = []

    private var indexByID: [Int64: Int32] = [:]
    private var ids: [Int64] = []
    private var calendarSlot: [UInt16] = []
    private var currency: [String?] = []
    private var price: [Price?] = []
    private var previousClose: [Price?] = []
    private var dayHigh: [Price?] = []
    private var dayLow: [Price?] = []
    private var volume: [Int64?] = []
    private var asOf: [Date?] = []
    /// The trading day the day high / low, volume and history belong to, as days since 1970.
    private var tradingDay: [Int32] = []
    /// The last trading day whose close the previous close has rolled over to, as days since 1970.
    private var closedThrough: [Int32] = []
    private var histories: [IntradayHistory] = []
    /// The tick that last touched each security, so that each is compared once per tick.
    private var touchedOnTick: [UInt32] = []
    private var tickCount: UInt32 = 0
    /// This tick's touched securities with their quotes before it (without the currency, which a tick never
    /// changes), and the calendars' states before it: kept between ticks only for their room.
    private var touched: [(index: Int, quote: Quote?)] = []
    private var statesBefore: [MarketState] = []

    /// An empty book whose intraday histories have one point per `bucketSeconds` (5 minutes by default:
    /// 192 points over the US pre, regular and post sessions, 288 over an always-open day), clamped to
    /// 1 second ... 1 day; with `recordsHistory` false the histories stay empty.
    public init(bucketSeconds: Int = 300, recordsHistory: Bool = true) {
        self.bucketSeconds = min(max(bucketSeconds, 1), 86_400)
        self.recordsHistory = recordsHistory
    }

    /// The number of securities registered.
    public var count: Int { ids.count }

    /// The index of the security stored under `id`, if it is registered.
    public func index(of id: Int64) -> Int32? { indexByID[id] }

    /// The id a security was registered under.
    public func id(at index: Int32) -> Int64 { ids[Int(index)] }

    /// Registers a security (an id already registered keeps its index and day) and returns its index.
    ///
    /// `last` is what is known of it: a stored quote (survives a restart: its `as_of` says which trading day
    /// it belongs to, so one from a past day rolls over on the next tick), or a listing's reference price and
    /// previous close without `as_of` (taken as the current trading day's). Its currency and market state
    /// are not read: `currency` is the listing's, the state the calendar's.
    @discardableResult
    public mutating func register(
        id: Int64, calendar: ExchangeCalendar, currency: String?, last: Quote?, at time: Date
    ) -> Int32 {
        if let index = indexByID[id] { return index }
        let slot = calendarSlot(for: calendar, at: time)
        let moment = CalendarMoment(calendar, at: last?.asOf ?? time, bucketSeconds: bucketSeconds)
        let index = Int32(ids.count)
        indexByID[id] = index
        ids.append(id)
        calendarSlot.append(slot)
        self.currency.append(currency)
        price.append(last?.price)
        previousClose.append(last?.previousClose)
        dayHigh.append(last?.dayHigh)
        dayLow.append(last?.dayLow)
        volume.append(last?.volume)
        asOf.append(last?.asOf)
        tradingDay.append(moment.tradingDay)
        closedThrough.append(moment.lastClosedDay)
        var history = IntradayHistory()
        history.startDay(opening: moment.sessionOpens)
        histories.append(history)
        touchedOnTick.append(0)
        return index
    }

    /// The security's quote, or `nil` while it has no price.
    public func quote(at index: Int32) -> Quote? {
        let position = Int(index)
        return quote(at: position, state: moments[Int(calendarSlot[position])].state, currency: currency[position])
    }

    /// Each security's market state at `time` (by index), from its calendar (worked out once per calendar):
    /// what a provider that simulates the trading day moves by, before the tick at `time` is applied.
    public func marketStates(at time: Date) -> [MarketState] {
        let states = calendars.map { $0.state(at: time) }
        return calendarSlot.map { states[Int($0)] }
    }

    /// The security's intraday history of the current or last trading day: at most 400 points, each the
    /// start of a bucket and the last price applied in it, oldest first (`GET /security/{id}/history`).
    public func history(at index: Int32) -> [(Date, Price)] {
        histories[Int(index)].points(bucketSeconds: bucketSeconds)
    }

    /// Applies one tick at `time`: first moves every security's day along its calendar (roll-over, new day,
    /// market state), then folds in `updates` (an index out of range is ignored). Returns the securities
    /// whose quote changed so that a message is due (each once, with the fields its delta carries; read the
    /// quote itself with `quote(at:)`).
    public mutating func apply(_ updates: [QuoteUpdate], at time: Date) -> [QuoteChange] {
        tickCount &+= 1
        statesBefore.removeAll(keepingCapacity: true)
        for slot in moments.indices {
            statesBefore.append(moments[slot].state)
            moments[slot] = CalendarMoment(calendars[slot], at: time, bucketSeconds: bucketSeconds)
        }
        touched.removeAll(keepingCapacity: true)
        for index in ids.indices {
            let slot = Int(calendarSlot[index])
            let moment = moments[slot]
            let rolls = closedThrough[index] < moment.lastClosedDay
            let startsDay = tradingDay[index] < moment.tradingDay
            guard rolls || startsDay || moment.state != statesBefore[slot] else { continue }
            touch(index)
            if rolls {
                previousClose[index] = price[index] ?? previousClose[index]
                closedThrough[index] = moment.lastClosedDay
            }
            if startsDay { startDay(index, moment) }
        }
        for update in updates where ids.indices.contains(Int(update.index)) {
            let index = Int(update.index)
            if touchedOnTick[index] != tickCount { touch(index) }
            fold(update, into: index, moment: moments[Int(calendarSlot[index])], at: time)
        }
        var changes: [QuoteChange] = []
        changes.reserveCapacity(touched.count)
        for (index, old) in touched {
            let state = moments[Int(calendarSlot[index])].state
            guard let new = quote(at: index, state: state, currency: nil),
                  let fields = new.deltaFields(since: old)
            else { continue }
            changes.append(QuoteChange(index: Int32(index), fields: fields))
        }
        return changes
    }

    /// The bytes the intraday histories' points take (their arrays' capacity times the point's size).
    public var historyBytes: Int { histories.reduce(0) { $0 + $1.reservedBytes } }

    // MARK: Internals

    private mutating func calendarSlot(for calendar: ExchangeCalendar, at time: Date) -> UInt16 {
        if let slot = calendarSlots[calendar.identifier] { return slot }
        let slot = UInt16(calendars.count)
        calendars.append(calendar)
        moments.append(CalendarMoment(calendar, at: time, bucketSeconds: bucketSeconds))
        calendarSlots[calendar.identifier] = slot
        return slot
    }

    /// Marks the security touched in this tick and keeps its quote before the tick.
    private mutating func touch(_ index: Int) {
        touchedOnTick[index] = tickCount
        let old = quote(at: index, state: statesBefore[Int(calendarSlot[index])], currency: nil)
        touched.append((index, old))
    }

    private mutating func startDay(_ index: Int, _ moment: CalendarMoment) {
        dayHigh[index] = nil
        dayLow[index] = nil
        volume[index] = nil
        tradingDay[index] = moment.tradingDay
        histories[index].startDay(opening: moment.sessionOpens)
    }

    private mutating func fold(_ update: QuoteUpdate, into index: Int, moment: CalendarMoment, at time: Date) {
        let update = update.quote
        let newPrice = update.price
        price[index] = newPrice
        if let close = update.previousClose { previousClose[index] = close }
        dayHigh[index] = max(update.dayHigh ?? dayHigh[index] ?? newPrice, newPrice)
        dayLow[index] = min(update.dayLow ?? dayLow[index] ?? newPrice, newPrice)
        if let dayVolume = update.dayVolume { volume[index] = dayVolume }
        if let traded = update.tradedVolume {
            volume[index] = ExactArithmetic.saturatingSum(volume[index] ?? 0, traded)
        }
        asOf[index] = update.asOf ?? time
        if recordsHistory, moment.state != .closed {
            histories[index].record(newPrice, at: time, bucketSeconds: bucketSeconds, reserving: moment.sessionBuckets)
        }
    }

    /// Inlined: called on a book being mutated, a method that is not copies the whole book first.
    @inline(__always)
    private func quote(at index: Int, state: MarketState, currency: String?) -> Quote? {
        guard let price = price[index] else { return nil }
        return Quote(
            price: price, previousClose: previousClose[index], dayHigh: dayHigh[index], dayLow: dayLow[index],
            volume: volume[index], currency: currency, marketState: state, asOf: asOf[index])
    }
}
