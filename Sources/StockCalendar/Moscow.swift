/// The Moscow Exchange (MOEX) equity market.
enum Moscow {
    /// MOEX "Trading schedule" for the equity market: the morning session from 6:50 (with the opening
    /// auction up to 10:00) as `pre`, the main session 10:00-18:50 (closing auction included) as `regular`,
    /// and the evening session 19:05-23:50 as `post`. MOEX's weekend sessions are not modelled.
    static let hours = SessionHours(
        pre: SessionHours.at(6, 50)..<SessionHours.at(10),
        regular: [SessionHours.at(10)..<SessionHours.at(18, 50)],
        post: SessionHours.at(19, 5)..<SessionHours.at(23, 50))

    /// An approximation of MOEX's yearly calendar: the non-working holidays of the Russian Labour Code
    /// (art. 112) on which MOEX has closed in recent years, a weekend one moved to the next free weekday as
    /// art. 112 does (Orthodox Christmas is not moved), and 31 December, which recent government decrees
    /// have made a day off. MOEX trades on the other New Year holidays (January 3-6 and 8), and the
    /// government's yearly transfer of days off is not modelled: MOEX's own announcement is the authority.
    static let holidays = HolidayCalendar(
        holidays: [
            HolidayRule("New Year holiday", .fixed(month: 1, day: 1), observed: .nextFreeWeekday),
            HolidayRule("New Year holiday", .fixed(month: 1, day: 2), observed: .nextFreeWeekday),
            HolidayRule("Orthodox Christmas", .fixed(month: 1, day: 7)),
            HolidayRule("Defender of the Fatherland Day", .fixed(month: 2, day: 23), observed: .nextFreeWeekday),
            HolidayRule("International Women's Day", .fixed(month: 3, day: 8), observed: .nextFreeWeekday),
            HolidayRule("Spring and Labour Day", .fixed(month: 5, day: 1), observed: .nextFreeWeekday),
            HolidayRule("Victory Day", .fixed(month: 5, day: 9), observed: .nextFreeWeekday),
            HolidayRule("Russia Day", .fixed(month: 6, day: 12), observed: .nextFreeWeekday),
            HolidayRule("Unity Day", .fixed(month: 11, day: 4), observed: .nextFreeWeekday),
        ],
        exchangeClosures: [HolidayRule("New Year's Eve", .fixed(month: 12, day: 31))])

    static let rules = ExchangeRules(
        identifier: "XMOS", timeZone: ExchangeRules.zone("Europe/Moscow"), hours: hours, holidays: holidays)
}
