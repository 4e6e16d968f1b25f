/// A day on which an exchange does not trade, with its name as the exchange publishes it.
public struct Holiday: Sendable, Hashable {
    /// The weekday the exchange is closed (a holiday on a weekend that is not moved is not listed).
    public let day: CalendarDay
    /// The holiday's name, with `(observed)` where the rule moved it off a weekend.
    public let name: String
}

/// How a rule names its day in a given year.
enum DayRule: Sendable {
    /// The same date every year.
    case fixed(month: Int, day: Int)
    /// Days after Easter Sunday (negative before it): Good Friday is -2, Easter Monday 1, Ascension 39,
    /// Whit Monday 50.
    case easter(offset: Int)
    /// The `nth` `weekday` of `month`; `nth` -1 is the last one.
    case nthWeekday(nth: Int, Weekday, month: Int)
    /// The first `weekday` on or after `month`/`day` (Sweden's Midsummer Eve: the Friday from June 19).
    case weekday(Weekday, onOrAfterMonth: Int, day: Int)
    /// `month`/`day`, or the last weekday before it when it falls on a weekend (London's last business day
    /// before Christmas).
    case weekdayOnOrBefore(month: Int, day: Int)
    /// Japan's Vernal Equinox Day (Shunbun no Hi).
    case vernalEquinox
    /// Japan's Autumnal Equinox Day (Shubun no Hi).
    case autumnalEquinox

    func day(in year: Int) -> CalendarDay {
        switch self {
        case .fixed(let month, let day):
            return CalendarDay(year, month, day)
        case .easter(let offset):
            return Self.easterSunday(year).adding(days: offset)
        case .nthWeekday(let nth, let weekday, let month) where nth < 0:
            let lastOfMonth = CalendarDay(year, month + 1, 1).adding(days: -1)
            return Self.weekday(weekday, onOrBefore: lastOfMonth).adding(days: 7 * (nth + 1))
        case .nthWeekday(let nth, let weekday, let month):
            return Self.weekday(weekday, onOrAfter: CalendarDay(year, month, 1)).adding(days: 7 * (nth - 1))
        case .weekday(let weekday, let month, let day):
            return Self.weekday(weekday, onOrAfter: CalendarDay(year, month, day))
        case .weekdayOnOrBefore(let month, let day):
            let date = CalendarDay(year, month, day)
            return date.isWeekend ? Self.weekday(.friday, onOrBefore: date) : date
        case .vernalEquinox:
            return CalendarDay(year, 3, Self.equinoxDay(year, base: 20.8431))
        case .autumnalEquinox:
            return CalendarDay(year, 9, Self.equinoxDay(year, base: 23.2488))
        }
    }

    /// Easter Sunday by the Gregorian computus (the anonymous algorithm of Meeus, "Astronomical Algorithms",
    /// ch. 8, as used by the Western churches whose Easter the exchanges follow).
    static func easterSunday(_ year: Int) -> CalendarDay {
        let goldenNumber = year % 19
        let century = year / 100, yearOfCentury = year % 100
        let leapCenturies = century / 4, centuryRemainder = century % 4
        let lunarCorrection = (century + 8) / 25
        let solarCorrection = (century - lunarCorrection + 1) / 3
        let epact = (19 * goldenNumber + century - leapCenturies - solarCorrection + 15) % 30
        let leapYears = yearOfCentury / 4, yearRemainder = yearOfCentury % 4
        let weekdayShift = (32 + 2 * centuryRemainder + 2 * leapYears - epact - yearRemainder) % 7
        let paschalCorrection = (goldenNumber + 11 * epact + 22 * weekdayShift) / 451
        let dayFromMarch = epact + weekdayShift - 7 * paschalCorrection + 114
        return CalendarDay(year, dayFromMarch / 31, dayFromMarch % 31 + 1)
    }

    /// The day in March or September of Japan's equinox holiday, by the formula the National Astronomical
    /// Observatory of Japan's published dates follow for 1980-2099 (the official day is announced in the
    /// Official Gazette each February for the next year; the formula is used outside that range too).
    static func equinoxDay(_ year: Int, base: Double) -> Int {
        let yearsSince1980 = year - 1980
        let leapDays = yearsSince1980 >= 0 ? yearsSince1980 / 4 : (yearsSince1980 - 3) / 4
        return Int((base + 0.242194 * Double(yearsSince1980)).rounded(.down)) - leapDays
    }

    private static func weekday(_ weekday: Weekday, onOrAfter start: CalendarDay) -> CalendarDay {
        start.adding(days: (weekday.rawValue - start.weekday.rawValue + 7) % 7)
    }

    private static func weekday(_ weekday: Weekday, onOrBefore end: CalendarDay) -> CalendarDay {
        end.adding(days: -((end.weekday.rawValue - weekday.rawValue + 7) % 7))
    }
}

/// Where a holiday that falls on a weekend is kept.
enum Observance: Sendable {
    /// Not moved: on a weekend it is lost.
    case notMoved
    /// Saturday to the Friday before, Sunday to the Monday after (NYSE Rule 7.2).
    case nearestWeekday
    /// Sunday to the Monday after; a Saturday one is lost (NYSE's New Year's Day).
    case sundayToMonday
    /// A weekend one to the next weekday that is no other holiday (UK bank holiday substitutes, Russia's
    /// Labour Code art. 112).
    case nextFreeWeekday
    /// A Sunday one to the next day that is no other national holiday (Japan's substitute holiday,
    /// Act on National Holidays art. 3(2)); a Saturday one is lost.
    case sundayToNextFreeDay
}

/// One holiday rule: its name, its day and how a weekend moves it, over the years it applies.
struct HolidayRule: Sendable {
    let name: String
    let day: DayRule
    let observance: Observance
    let years: ClosedRange<Int>

    init(_ name: String, _ day: DayRule, observed observance: Observance = .notMoved, years: ClosedRange<Int> = 1900...9999) {
        self.name = name
        self.day = day
        self.observance = observance
        self.years = years
    }
}

/// A day on which the regular session ends early, and when.
struct EarlyCloseRule: Sendable {
    let day: DayRule
    /// Minutes after local midnight at which the regular session closes.
    let regularClose: Int
    /// Minutes after local midnight at which the post-market session closes, where the exchange has one.
    let postClose: Int?

    init(_ day: DayRule, regularClose: Int, postClose: Int? = nil) {
        self.day = day
        self.regularClose = regularClose
        self.postClose = postClose
    }
}

/// An exchange's closing days and early closes, as rules.
struct HolidayCalendar: Sendable {
    /// Public holidays: weekends move them by their observance, and a moved one skips the others.
    var holidays: [HolidayRule] = []
    /// Whether a day between two public holidays is a holiday too (Japan's Citizens' Holiday, Act on
    /// National Holidays art. 3(3)).
    var bridgesSingleDays = false
    /// The exchange's own closing days beyond the public holidays (e.g. Japan's year-end closure): never moved.
    var exchangeClosures: [HolidayRule] = []
    /// Early closes; one on a weekend or a closing day does not apply.
    var earlyCloses: [EarlyCloseRule] = []

    static let none = HolidayCalendar()

    /// The weekdays of `year` the exchange is closed, in date order.
    func closedWeekdays(in year: Int) -> [Holiday] {
        let applicable = holidays.filter { $0.years.contains(year) }
        let actualDays = applicable.map { ($0, $0.day.day(in: year)) }
        let publicHolidays = Set(actualDays.map(\.1))
        var closed: [CalendarDay: String] = [:]
        for (rule, actual) in actualDays {
            if let observed = Self.observedDay(of: actual, by: rule.observance, skipping: publicHolidays, closed) {
                closed[observed] = closed[observed] ?? (observed == actual ? rule.name : "\(rule.name) (observed)")
            }
        }
        if bridgesSingleDays {
            for holiday in publicHolidays {
                let between = holiday.adding(days: 1)
                if !publicHolidays.contains(between), publicHolidays.contains(between.adding(days: 1)) {
                    closed[between] = closed[between] ?? "Citizens' Holiday"
                }
            }
        }
        for rule in exchangeClosures where rule.years.contains(year) {
            let day = rule.day.day(in: year)
            closed[day] = closed[day] ?? rule.name
        }
        return closed.filter { !$0.key.isWeekend && $0.key.year == year }
            .map { Holiday(day: $0.key, name: $0.value) }
            .sorted { $0.day < $1.day }
    }

    private static func observedDay(
        of day: CalendarDay, by observance: Observance, skipping publicHolidays: Set<CalendarDay>,
        _ closed: [CalendarDay: String]
    ) -> CalendarDay? {
        func nextFree(after day: CalendarDay, weekdaysOnly: Bool) -> CalendarDay {
            var candidate = day.adding(days: 1)
            while publicHolidays.contains(candidate) || closed[candidate] != nil || (weekdaysOnly && candidate.isWeekend) {
                candidate = candidate.adding(days: 1)
            }
            return candidate
        }
        switch (observance, day.weekday) {
        case (_, .monday), (_, .tuesday), (_, .wednesday), (_, .thursday), (_, .friday):
            return day
        case (.notMoved, _), (.sundayToMonday, .saturday), (.sundayToNextFreeDay, .saturday):
            return nil
        case (.nearestWeekday, .saturday):
            return day.adding(days: -1)
        case (.nearestWeekday, _), (.sundayToMonday, _):
            return day.adding(days: 1)
        case (.nextFreeWeekday, _):
            return nextFree(after: day, weekdaysOnly: true)
        case (.sundayToNextFreeDay, _):
            return nextFree(after: day, weekdaysOnly: false)
        }
    }
}
