/// The US equity calendar, shared by NYSE, Nasdaq, NYSE American, NYSE Arca, Cboe BZX, IEX and the other
/// US exchanges: they all close on NYSE's holidays and use the same early closes.
enum USEquities {
    /// Hours (Eastern Time), from Nasdaq's "Trading Hours" page (pre-market 4:00-9:30 a.m., market 9:30
    /// a.m.-4:00 p.m., after-hours 4:00-8:00 p.m.) and NYSE's "Holidays and Trading Hours" page; NYSE Arca
    /// and Cboe BZX run the same extended sessions.
    static let hours = SessionHours(
        pre: SessionHours.at(4)..<SessionHours.at(9, 30),
        regular: [SessionHours.at(9, 30)..<SessionHours.at(16)],
        post: SessionHours.at(16)..<SessionHours.at(20))

    /// NYSE Rule 7.2 (holidays) and the early closes of NYSE's "Holidays and Trading Hours" page.
    static let holidays = HolidayCalendar(
        holidays: [
            // Rule 7.2: when a holiday falls on a Saturday the Exchange is not closed on the Friday before
            // if that Friday ends a monthly or yearly accounting period, so a Saturday New Year's Day is
            // not observed on December 31.
            HolidayRule("New Year's Day", .fixed(month: 1, day: 1), observed: .sundayToMonday),
            HolidayRule(
                "Martin Luther King, Jr. Day", .nthWeekday(nth: 3, .monday, month: 1), years: 1998...9999),
            HolidayRule("Washington's Birthday", .nthWeekday(nth: 3, .monday, month: 2)),
            HolidayRule("Good Friday", .easter(offset: -2)),
            HolidayRule("Memorial Day", .nthWeekday(nth: -1, .monday, month: 5)),
            // Juneteenth National Independence Day: an NYSE holiday from 2022.
            HolidayRule(
                "Juneteenth National Independence Day", .fixed(month: 6, day: 19), observed: .nearestWeekday,
                years: 2022...9999),
            HolidayRule("Independence Day", .fixed(month: 7, day: 4), observed: .nearestWeekday),
            HolidayRule("Labor Day", .nthWeekday(nth: 1, .monday, month: 9)),
            HolidayRule("Thanksgiving Day", .nthWeekday(nth: 4, .thursday, month: 11)),
            HolidayRule("Christmas Day", .fixed(month: 12, day: 25), observed: .nearestWeekday),
        ],
        // 1:00 p.m. closes; Nasdaq's and NYSE Arca's after-hours end at 5:00 p.m. those days. July 3 and
        // December 24 close early when they are trading days: a Friday July 3 or December 24 is the
        // observed holiday itself.
        earlyCloses: [
            EarlyCloseRule(.fixed(month: 7, day: 3), regularClose: SessionHours.at(13), postClose: SessionHours.at(17)),
            // The day after Thanksgiving: the Friday after the fourth Thursday, i.e. the Friday from November 23.
            EarlyCloseRule(
                .weekday(.friday, onOrAfterMonth: 11, day: 23), regularClose: SessionHours.at(13),
                postClose: SessionHours.at(17)),
            EarlyCloseRule(.fixed(month: 12, day: 24), regularClose: SessionHours.at(13), postClose: SessionHours.at(17)),
        ])

    static let rules = ExchangeRules(
        identifier: "XNYS", timeZone: ExchangeRules.zone("America/New_York"), hours: hours, holidays: holidays)
}
