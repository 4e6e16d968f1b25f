/// The European exchanges of the international listing, except the Nordic ones (see `Nordic`): regular
/// sessions only, as none of them runs pre- or post-market sessions for shares.
enum Europe {
    /// 9:00-17:30 local time, continuous trading up to the closing auction at Xetra, Euronext (except
    /// Lisbon), SIX, BME and Borsa Italiana (each exchange's trading-hours page).
    static let nineToFiveThirty = SessionHours(regular: [SessionHours.at(9)..<SessionHours.at(17, 30)])

    // The closing days the exchanges share, each named in the lists below.
    static let newYearsDay = HolidayRule("New Year's Day", .fixed(month: 1, day: 1))
    static let goodFriday = HolidayRule("Good Friday", .easter(offset: -2))
    static let easterMonday = HolidayRule("Easter Monday", .easter(offset: 1))
    static let labourDay = HolidayRule("Labour Day", .fixed(month: 5, day: 1))
    static let christmasEve = HolidayRule("Christmas Eve", .fixed(month: 12, day: 24))
    static let christmasDay = HolidayRule("Christmas Day", .fixed(month: 12, day: 25))
    static let boxingDay = HolidayRule("St. Stephen's Day", .fixed(month: 12, day: 26))
    static let newYearsEve = HolidayRule("New Year's Eve", .fixed(month: 12, day: 31))

    /// Deutsche Börse's Xetra trading calendar: closed on New Year's Day, Good Friday, Easter Monday,
    /// 1 May, 24-26 December and 31 December.
    static let xetraHolidays = HolidayCalendar(
        holidays: [
            newYearsDay, goodFriday, easterMonday, labourDay, christmasEve, christmasDay, boxingDay, newYearsEve,
        ],
        // The year's last trading day (December 30, or the Friday before) ends with a closing auction at
        // 14:00; Deutsche Börse announces the times each December, so this is the recent years' pattern.
        earlyCloses: [EarlyCloseRule(.weekdayOnOrBefore(month: 12, day: 30), regularClose: SessionHours.at(14))])

    /// Xetra (MIC XETR, listing code GER), Frankfurt.
    static let xetra = ExchangeRules(
        identifier: "XETR", timeZone: ExchangeRules.zone("Europe/Berlin"), hours: nineToFiveThirty,
        holidays: xetraHolidays)

    /// The German floor and regional exchanges (Börse Frankfurt, Berlin, Düsseldorf, Hamburg, Hannover,
    /// München, Stuttgart): shares trade 8:00-22:00 (Börse Frankfurt's and Börse Stuttgart's trading-hours
    /// pages). Approximated with Xetra's closing days; a regional exchange may also close on its own.
    static func germanFloor(mic: String) -> ExchangeRules {
        ExchangeRules(
            identifier: mic, timeZone: ExchangeRules.zone("Europe/Berlin"),
            hours: SessionHours(regular: [SessionHours.at(8)..<SessionHours.at(22)]), holidays: xetraHolidays)
    }

    /// Euronext's trading calendar: closed on New Year's Day, Good Friday, Easter Monday, 1 May, 25 and 26
    /// December; 24 and 31 December are half days that close at 14:05 CET.
    static func euronext(mic: String, zone: String, hours: SessionHours, halfDayClose: Int) -> ExchangeRules {
        ExchangeRules(
            identifier: mic, timeZone: ExchangeRules.zone(zone), hours: hours,
            holidays: HolidayCalendar(
                holidays: [newYearsDay, goodFriday, easterMonday, labourDay, christmasDay, boxingDay],
                earlyCloses: [
                    EarlyCloseRule(.fixed(month: 12, day: 24), regularClose: halfDayClose),
                    EarlyCloseRule(.fixed(month: 12, day: 31), regularClose: halfDayClose),
                ]))
    }

    static let paris = euronext(
        mic: "XPAR", zone: "Europe/Paris", hours: nineToFiveThirty, halfDayClose: SessionHours.at(14, 5))
    static let amsterdam = euronext(
        mic: "XAMS", zone: "Europe/Amsterdam", hours: nineToFiveThirty, halfDayClose: SessionHours.at(14, 5))
    static let brussels = euronext(
        mic: "XBRU", zone: "Europe/Brussels", hours: nineToFiveThirty, halfDayClose: SessionHours.at(14, 5))
    /// Euronext Lisbon keeps the same instants one hour earlier on Lisbon's clock (WET).
    static let lisbon = euronext(
        mic: "XLIS", zone: "Europe/Lisbon", hours: SessionHours(regular: [SessionHours.at(8)..<SessionHours.at(16, 30)]),
        halfDayClose: SessionHours.at(13, 5))

    /// London Stock Exchange (MIC XLON; the LSE's International Order Book, IOB, too): 8:00-16:30, closed on
    /// the England and Wales bank holidays (Banking and Financial Dealings Act 1971 and the royal
    /// proclamations, as listed by gov.uk/bank-holidays), with their substitute days; half days close at
    /// 12:30 on the last business days before Christmas and before New Year (24 and 31 December, or the
    /// Friday before; LSE "Business days"). One-off bank holidays (jubilees, coronations,
    /// state funerals) are not modelled.
    static let london = ExchangeRules(
        identifier: "XLON", timeZone: ExchangeRules.zone("Europe/London"),
        hours: SessionHours(regular: [SessionHours.at(8)..<SessionHours.at(16, 30)]),
        holidays: HolidayCalendar(
            holidays: [
                HolidayRule("New Year's Day", .fixed(month: 1, day: 1), observed: .nextFreeWeekday),
                goodFriday, easterMonday,
                HolidayRule("Early May bank holiday", .nthWeekday(nth: 1, .monday, month: 5)),
                HolidayRule("Spring bank holiday", .nthWeekday(nth: -1, .monday, month: 5)),
                HolidayRule("Summer bank holiday", .nthWeekday(nth: -1, .monday, month: 8)),
                HolidayRule("Christmas Day", .fixed(month: 12, day: 25), observed: .nextFreeWeekday),
                HolidayRule("Boxing Day", .fixed(month: 12, day: 26), observed: .nextFreeWeekday),
            ],
            earlyCloses: [
                EarlyCloseRule(.weekdayOnOrBefore(month: 12, day: 24), regularClose: SessionHours.at(12, 30)),
                EarlyCloseRule(.weekdayOnOrBefore(month: 12, day: 31), regularClose: SessionHours.at(12, 30)),
            ]))

    /// SIX Swiss Exchange (MIC XSWX, listing code EBS), Zurich: SIX's trading calendar closes on New Year's
    /// Day, Berchtold's Day, Good Friday, Easter Monday, 1 May, Ascension Day, Whit Monday, the Swiss
    /// National Day (1 August), 24-26 December and 31 December.
    static let swiss = ExchangeRules(
        identifier: "XSWX", timeZone: ExchangeRules.zone("Europe/Zurich"), hours: nineToFiveThirty,
        holidays: HolidayCalendar(holidays: [
            newYearsDay, HolidayRule("Berchtold's Day", .fixed(month: 1, day: 2)), goodFriday, easterMonday,
            labourDay, HolidayRule("Ascension Day", .easter(offset: 39)),
            HolidayRule("Whit Monday", .easter(offset: 50)),
            HolidayRule("Swiss National Day", .fixed(month: 8, day: 1)), christmasEve, christmasDay, boxingDay,
            newYearsEve,
        ]))

    /// Bolsa de Madrid (MIC XMAD, listing code MCE): BME's market calendar closes on New Year's Day, Good
    /// Friday, Easter Monday, 1 May, 25 and 26 December (the TARGET2 closing days); 24 and 31 December close
    /// at 14:00.
    static let madrid = ExchangeRules(
        identifier: "XMAD", timeZone: ExchangeRules.zone("Europe/Madrid"), hours: nineToFiveThirty,
        holidays: HolidayCalendar(
            holidays: [newYearsDay, goodFriday, easterMonday, labourDay, christmasDay, boxingDay],
            earlyCloses: [
                EarlyCloseRule(.fixed(month: 12, day: 24), regularClose: SessionHours.at(14)),
                EarlyCloseRule(.fixed(month: 12, day: 31), regularClose: SessionHours.at(14)),
            ]))

    /// Borsa Italiana (MIC XMIL, listing code MIL), Milan: its trading calendar closes on New Year's Day,
    /// Good Friday, Easter Monday, 1 May, 15 August (Ferragosto), 24-26 December and 31 December.
    static let milan = ExchangeRules(
        identifier: "XMIL", timeZone: ExchangeRules.zone("Europe/Rome"), hours: nineToFiveThirty,
        holidays: HolidayCalendar(holidays: [
            newYearsDay, goodFriday, easterMonday, labourDay, HolidayRule("Ferragosto", .fixed(month: 8, day: 15)),
            christmasEve, christmasDay, boxingDay, newYearsEve,
        ]))
}
