import Foundation

/// Which calendar each exchange code of the listings uses.
enum ExchangeDirectory {
    /// `regular` at every moment, every day; trading days are UTC days.
    static let alwaysOpen = ExchangeRules(
        identifier: "always-open", timeZone: ExchangeRules.zone("UTC"), hours: .allDay, holidays: .none,
        tradesOnWeekends: true)

    /// The fallback for an exchange with no calendar here: `regular` all day Monday to Friday (UTC), closed on
    /// weekends. Its hours are not known, so none are invented; but every exchange of the listings is closed
    /// on Saturdays and Sundays, and the simulated market keeps such a security moving on weekdays.
    static let weekdaysUTC = ExchangeRules(
        identifier: "weekdays-utc", timeZone: ExchangeRules.zone("UTC"), hours: .allDay, holidays: .none)

    /// The rules for `exchange` (a listing's code or a MIC, in any case), or nil for an unknown exchange.
    static func rules(for exchange: String) -> ExchangeRules? {
        lookUp(exchange, in: byCode)
    }

    /// `exchange`'s entry in `table`, keyed by upper-cased codes. Listings spell most codes upper-case
    /// already, so that is looked up before normalizing.
    static func lookUp<Value>(_ exchange: String, in table: [String: Value]) -> Value? {
        table[exchange] ?? table[exchange.trimmingCharacters(in: .whitespaces).uppercased()]
    }

    /// The codes of the listings (the Nasdaq symbol directory's exchange names, the Yahoo-style codes of the
    /// international listing) and the MICs, upper-cased.
    static let byCode: [String: ExchangeRules] = {
        var codes: [String: ExchangeRules] = [:]
        func add(_ rules: ExchangeRules, _ names: String...) {
            for name in names + [rules.identifier] { codes[name] = rules }
        }
        add(
            USEquities.rules, "NYSE", "NASDAQ", "NYSE AMERICAN", "AMEX", "NYSE ARCA", "ARCA", "CBOE BZX", "BATS",
            "IEX", "NYSE TEXAS", "NYSE CHICAGO", "TXSE", "XNAS", "XASE", "ARCX", "IEXG", "NMS", "NYQ")
        add(Tokyo.rules, "JPX", "TSE")
        add(Moscow.rules, "MOEX", "MCX")
        add(Europe.xetra, "GER", "XETRA")
        for (code, mic) in [
            ("FRA", "XFRA"), ("BER", "XBER"), ("DUS", "XDUS"), ("HAM", "XHAM"), ("HAN", "XHAN"), ("MUN", "XMUN"),
            ("STU", "XSTU"),
        ] {
            add(Europe.germanFloor(mic: mic), code)
        }
        add(Europe.paris, "PAR")
        add(Europe.amsterdam, "AMS")
        add(Europe.brussels, "BRU")
        add(Europe.lisbon, "LIS")
        add(Europe.london, "LSE", "IOB")
        add(Europe.swiss, "EBS", "SIX")
        add(Europe.madrid, "MCE", "BME")
        add(Europe.milan, "MIL")
        add(Nordic.stockholm, "STO")
        add(Nordic.copenhagen, "CPH")
        add(Nordic.helsinki, "HEL")
        add(Nordic.oslo, "OSL")
        return codes
    }()
}
