/// Nasdaq Stockholm, Copenhagen and Helsinki (Nasdaq Nordic's "Trading hours and holidays" pages) and
/// Euronext Oslo Børs ("Trading calendar"): regular sessions only.
enum Nordic {
    static let epiphany = HolidayRule("Epiphany", .fixed(month: 1, day: 6))
    static let maundyThursday = HolidayRule("Maundy Thursday", .easter(offset: -3))
    static let ascensionDay = HolidayRule("Ascension Day", .easter(offset: 39))
    static let whitMonday = HolidayRule("Whit Monday", .easter(offset: 50))
    /// Midsummer Eve in Sweden and Finland: the Friday between June 19 and 25.
    static let midsummerEve = HolidayRule("Midsummer Eve", .weekday(.friday, onOrAfterMonth: 6, day: 19))

    /// Nasdaq Stockholm (MIC XSTO), 9:00-17:30; early closes at 13:00 on the days before Epiphany, Good
    /// Friday (Maundy Thursday), 1 May, Ascension Day and All Saints' Day (the Saturday from October 31).
    static let stockholm = ExchangeRules(
        identifier: "XSTO", timeZone: ExchangeRules.zone("Europe/Stockholm"), hours: Europe.nineToFiveThirty,
        holidays: HolidayCalendar(
            holidays: [
                Europe.newYearsDay, epiphany, Europe.goodFriday, Europe.easterMonday, Europe.labourDay,
                ascensionDay, HolidayRule("National Day", .fixed(month: 6, day: 6)), midsummerEve,
                Europe.christmasEve, Europe.christmasDay, Europe.boxingDay, Europe.newYearsEve,
            ],
            earlyCloses: [
                .fixed(month: 1, day: 5), .easter(offset: -3), .fixed(month: 4, day: 30), .easter(offset: 38),
                .weekday(.friday, onOrAfterMonth: 10, day: 30),
            ].map { EarlyCloseRule($0, regularClose: SessionHours.at(13)) }))

    /// Nasdaq Copenhagen (MIC XCSE), 9:00-17:00. Great Prayer Day was abolished as a public holiday from
    /// 2024 (Act No. 54 of 2023).
    static let copenhagen = ExchangeRules(
        identifier: "XCSE", timeZone: ExchangeRules.zone("Europe/Copenhagen"),
        hours: SessionHours(regular: [SessionHours.at(9)..<SessionHours.at(17)]),
        holidays: HolidayCalendar(holidays: [
            Europe.newYearsDay, maundyThursday, Europe.goodFriday, Europe.easterMonday,
            HolidayRule("Great Prayer Day", .easter(offset: 26), years: 1900...2023), ascensionDay,
            HolidayRule("Bank holiday after Ascension Day", .easter(offset: 40)), whitMonday,
            HolidayRule("Constitution Day", .fixed(month: 6, day: 5)), Europe.christmasEve, Europe.christmasDay,
            Europe.boxingDay, Europe.newYearsEve,
        ]))

    /// Nasdaq Helsinki (MIC XHEL), 10:00-18:30 Finnish time.
    static let helsinki = ExchangeRules(
        identifier: "XHEL", timeZone: ExchangeRules.zone("Europe/Helsinki"),
        hours: SessionHours(regular: [SessionHours.at(10)..<SessionHours.at(18, 30)]),
        holidays: HolidayCalendar(holidays: [
            Europe.newYearsDay, epiphany, Europe.goodFriday, Europe.easterMonday, Europe.labourDay, ascensionDay,
            midsummerEve, HolidayRule("Independence Day", .fixed(month: 12, day: 6)), Europe.christmasEve,
            Europe.christmasDay, Europe.boxingDay, Europe.newYearsEve,
        ]))

    /// Euronext Oslo Børs (MIC XOSL), 9:00-16:20; the day before Maundy Thursday closes at 13:00.
    static let oslo = ExchangeRules(
        identifier: "XOSL", timeZone: ExchangeRules.zone("Europe/Oslo"),
        hours: SessionHours(regular: [SessionHours.at(9)..<SessionHours.at(16, 20)]),
        holidays: HolidayCalendar(
            holidays: [
                Europe.newYearsDay, maundyThursday, Europe.goodFriday, Europe.easterMonday, Europe.labourDay,
                HolidayRule("Constitution Day", .fixed(month: 5, day: 17)), ascensionDay, whitMonday,
                Europe.christmasEve, Europe.christmasDay, Europe.boxingDay, Europe.newYearsEve,
            ],
            earlyCloses: [EarlyCloseRule(.easter(offset: -4), regularClose: SessionHours.at(13))]))
}
