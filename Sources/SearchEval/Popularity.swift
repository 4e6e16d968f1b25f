import Foundation

/// What the eval corpus joins onto its securities from other files of `shared/data`, by symbol, without
/// adding securities: market caps from the Nasdaq screener snapshot (US), FinanceDatabase's market-cap class
/// (international) and the TOPIX size class of JPX's list (Tokyo), each class as a value inside its range;
/// and FinanceDatabase's CUSIPs.
struct JoinedFacts {
    var marketCaps: [String: Double] = [:]
    var cusips: [String: String] = [:]

    /// A FinanceDatabase market-cap class as a value inside its range (USD).
    static let classValues: [String: Double] = [
        "Mega Cap": 400e9, "Large Cap": 40e9, "Mid Cap": 5e9, "Small Cap": 1e9, "Micro Cap": 150e6,
        "Nano Cap": 20e6,
    ]

    /// A TOPIX size class as a rough market cap (USD): Core30 and Large70 are the 100 largest Tokyo listings.
    static let topixValues: [String: Double] = [
        "TOPIX Core30": 100e9, "TOPIX Large70": 30e9, "TOPIX Mid400": 5e9, "TOPIX Small 1": 1e9,
        "TOPIX Small 2": 300e6,
    ]

    init(shared: URL) throws {
        let screener = shared.appendingPathComponent("data/us/nasdaq-screener-2026-08-21")
        for exchange in ["nasdaq", "nyse", "amex"] {
            let data = try Data(contentsOf: screener.appendingPathComponent("\(exchange)_full_tickers.json"))
            guard let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { continue }
            for row in rows {
                guard let symbol = row["symbol"] as? String, let text = row["marketCap"] as? String,
                      let cap = Double(text), cap > 0 else { continue }
                // The screener writes `BRK/B` and `BAC^K` where the directory writes `BRK.B` and `BAC$K`.
                let directorySymbol = symbol.trimmingCharacters(in: .whitespaces)
                    .replacingOccurrences(of: "/", with: ".").replacingOccurrences(of: "^", with: "$")
                marketCaps[directorySymbol] = cap
            }
        }
        let jpx = try String(contentsOf: shared.appendingPathComponent("data/intl/japan/data_j.csv"), encoding: .utf8)
        for row in Self.csvRows(jpx).dropFirst() where row.count >= 10 {
            if let value = Self.topixValues[row[9]] { marketCaps[row[1] + ".T"] = value }
        }
        let financeDatabase = try String(
            contentsOf: shared.appendingPathComponent("data/intl/financedatabase/equities_subset.csv"), encoding: .utf8)
        let rows = Self.csvRows(financeDatabase)
        guard let header = rows.first, let symbolColumn = header.firstIndex(of: "symbol"),
              let capColumn = header.firstIndex(of: "market_cap"), let cusipColumn = header.firstIndex(of: "cusip")
        else { return }
        for row in rows.dropFirst() where row.count == header.count {
            let symbol = row[symbolColumn]
            if marketCaps[symbol] == nil, let value = Self.classValues[row[capColumn]] { marketCaps[symbol] = value }
            if !row[cusipColumn].isEmpty { cusips[symbol] = row[cusipColumn] }
        }
    }

    /// The rows of an RFC 4180 CSV text (quoted fields may hold commas, quotes and line breaks).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            case "\r": break
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
