/// Parses the Nasdaq stock screener's JSON array (`nasdaq_full_tickers.json`, `nyse_…`, `amex_…`): one object per
/// security with string members `symbol`, `name`, `lastsale` (`$231.59`), `netchange` (`-1.04`), `volume`,
/// `marketCap` (`1093933303969.00`, `""` or `0.00` when unknown), `sector` and `industry`; `pctchange`,
/// `country` (the issuer's, not the listing's), `ipoyear` and `url` are not read. The screener covers US
/// exchanges in USD and names no exchange. Symbols are spelt as the symbol directory spells them
/// (`ScreenerSymbol`); prices stay exact decimal text, and the previous close is `lastsale - netchange`.
struct ScreenerJSONParser {
    let fileName: String
    let limits: ListingLimits

    /// Reads the whole array from `bytes`, one object at a time.
    func parse(_ bytes: ByteReader) throws -> ParsedListing {
        var result = ListingBuilder(format: .nasdaqScreener, fileName: fileName, limits: limits)
        var objects = JSONObjectStream(bytes: bytes, fileName: fileName, limits: limits)
        while let object = try objects.next() {
            switch object.content {
            case .problem(let message): try result.problem(line: object.line, message)
            case .value(let members): try read(members, line: object.line, into: &result)
            }
        }
        return result.listing
    }

    private func read(_ members: [String: String], line: Int, into result: inout ListingBuilder) throws {
        func problem(_ message: String) throws { try result.problem(line: line, message) }
        func member(_ name: String) -> String? {
            guard let value = members[name]?.trimmed, !value.isEmpty else { return nil }
            return value
        }
        guard let rawSymbol = member("symbol") else { return try problem("the symbol is empty") }
        let symbol = ScreenerSymbol.directorySpelling(of: rawSymbol)
        guard let name = member("name") else { return try problem("the name of \(symbol) is empty") }
        var price: String?
        if let lastSale = member("lastsale") {
            let text = lastSale.hasPrefix("$") ? String(lastSale.dropFirst()) : lastSale
            guard ListingDecimal.isReferencePrice(text) else {
                return try problem("the last sale of \(symbol) must be a positive price with at most 4 decimals, "
                    + "found \"\(lastSale)\"")
            }
            price = text
        }
        var previousClose: String?
        if let price, let priceValue = ListingDecimal(price), let change = member("netchange") {
            guard let changeValue = ListingDecimal(change) else {
                return try problem("the net change of \(symbol) must be a decimal, found \"\(change)\"")
            }
            let close = priceValue.subtracting(changeValue)
            guard close.units >= 0 else {
                return try problem("the net change of \(symbol) (\(change)) is larger than its last sale (\(price))")
            }
            // A change equal to the price means a first session: there is no previous close.
            previousClose = close.units > 0 ? close.text : nil
        }
        var volume: Int?
        if let text = member("volume") {
            guard text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
                return try problem("the volume of \(symbol) must be a whole number, found \"\(text)\"")
            }
            volume = value
        }
        var marketCap: String?
        if let text = member("marketCap") {
            guard let value = ListingDecimal.marketCap(text) else {
                return try problem("the market cap of \(symbol) must be an unsigned decimal, found \"\(text)\"")
            }
            marketCap = value == "0" ? nil : value
        }
        try result.append(
            ListingRecord(
                symbol: symbol, name: name, country: "United States", currency: "USD", referencePrice: price,
                previousClose: previousClose, marketCap: marketCap, volume: volume, sector: member("sector"),
                industry: member("industry")),
            line: line)
    }
}

/// The screener's symbol spellings, mapped to the Nasdaq Trader symbol directory's (ACT) ones.
enum ScreenerSymbol {
    /// `BRK/B` -> `BRK.B`, `BAC^K` -> `BAC$K`, `DCOM^` -> `DCOM$`, `RAC/WS` -> `RAC.W` (the directory's warrant
    /// suffix); surrounding white space is dropped (`"ECC           "`).
    static func directorySpelling(of symbol: String) -> String {
        var text = symbol.trimmed
        if text.hasSuffix("/WS") { text = text.dropLast(3) + ".W" }
        return String(text.map { $0 == "/" ? "." : $0 == "^" ? "$" : $0 })
    }
}
