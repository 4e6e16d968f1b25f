/// The Tokyo Stock Exchange (JPX).
enum Tokyo {
    /// JPX "Trading Hours": morning session 9:00-11:30, afternoon session 12:30-15:30 (the close moved from
    /// 15:00 to 15:30 on 2024-11-05). There are no pre- or post-market sessions on the exchange.
    static let hours = SessionHours(
        regular: [SessionHours.at(9)..<SessionHours.at(11, 30), SessionHours.at(12, 30)..<SessionHours.at(15, 30)])

    /// JPX "Market Holidays": Saturdays, Sundays, national holidays, and December 31 to January 3. The
    /// national holidays are those of the Act on National Holidays (Act No. 178 of 1948) as amended, with its
    /// substitute holiday (art. 3(2)) and Citizens' Holiday (art. 3(3)); the one-off moves of the 2020 and 2021
    /// Olympic years and the 2019 enthronement days are not modelled.
    static let holidays = HolidayCalendar(
        holidays: [
            HolidayRule("New Year's Day", .fixed(month: 1, day: 1), observed: .sundayToNextFreeDay),
            // Happy Monday System (2000): the second Monday of January.
            HolidayRule("Coming of Age Day", .nthWeekday(nth: 2, .monday, month: 1), years: 2000...9999),
            HolidayRule("National Foundation Day", .fixed(month: 2, day: 11), observed: .sundayToNextFreeDay),
            HolidayRule(
                "Emperor's Birthday", .fixed(month: 2, day: 23), observed: .sundayToNextFreeDay, years: 2020...9999),
            HolidayRule("Vernal Equinox Day", .vernalEquinox, observed: .sundayToNextFreeDay),
            HolidayRule("Showa Day", .fixed(month: 4, day: 29), observed: .sundayToNextFreeDay),
            HolidayRule("Constitution Memorial Day", .fixed(month: 5, day: 3), observed: .sundayToNextFreeDay),
            HolidayRule("Greenery Day", .fixed(month: 5, day: 4), observed: .sundayToNextFreeDay),
            HolidayRule("Children's Day", .fixed(month: 5, day: 5), observed: .sundayToNextFreeDay),
            // Happy Monday System (2003): the third Monday of July.
            HolidayRule("Marine Day", .nthWeekday(nth: 3, .monday, month: 7), years: 2003...9999),
            HolidayRule("Mountain Day", .fixed(month: 8, day: 11), observed: .sundayToNextFreeDay, years: 2016...9999),
            // Happy Monday System (2003): the third Monday of September.
            HolidayRule("Respect for the Aged Day", .nthWeekday(nth: 3, .monday, month: 9), years: 2003...9999),
            HolidayRule("Autumnal Equinox Day", .autumnalEquinox, observed: .sundayToNextFreeDay),
            // Happy Monday System (2000): the second Monday of October ("Health and Sports Day" until 2019).
            HolidayRule("Sports Day", .nthWeekday(nth: 2, .monday, month: 10), years: 2000...9999),
            HolidayRule("Culture Day", .fixed(month: 11, day: 3), observed: .sundayToNextFreeDay),
            HolidayRule("Labor Thanksgiving Day", .fixed(month: 11, day: 23), observed: .sundayToNextFreeDay),
        ],
        bridgesSingleDays: true,
        // The exchange's year-end and New Year closure (JPX "Market Holidays").
        exchangeClosures: [
            HolidayRule("Year-end closure", .fixed(month: 12, day: 31)),
            HolidayRule("New Year closure", .fixed(month: 1, day: 2)),
            HolidayRule("New Year closure", .fixed(month: 1, day: 3)),
        ])

    static let rules = ExchangeRules(
        identifier: "XTKS", timeZone: ExchangeRules.zone("Asia/Tokyo"), hours: hours, holidays: holidays)
}
