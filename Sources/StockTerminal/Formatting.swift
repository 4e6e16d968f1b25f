import Foundation
import StockModel

/// How numbers and times are written on screen.
public enum Formatting {
    /// A price with at least two fractional digits, exact: `187.10`, `0.5000` stays `0.50`, `1.2345`.
    public static func price(_ price: Price) -> String {
        decimal(price.decimal, minimumFractionDigits: 2, maximumFractionDigits: 4)
    }

    /// A signed change: `+1.25`, `-0.0750`, `0.00`.
    public static func change(_ change: Decimal) -> String {
        let text = decimal(change, minimumFractionDigits: 2, maximumFractionDigits: 4)
        return change > 0 ? "+" + text : text
    }

    /// A signed percentage with two digits: `+0.67%`, `-12.50%`.
    public static func percent(_ percent: Decimal) -> String {
        let text = decimal(percent, minimumFractionDigits: 2, maximumFractionDigits: 2)
        return (percent > 0 && text != "0.00" ? "+" : "") + text + "%"
    }

    /// A day's range, `185.25–188.50`; empty unless both ends are known.
    public static func dayRange(low: Price?, high: Price?) -> String {
        guard let low, let high else { return "" }
        return price(low) + "–" + price(high)
    }

    /// `HH:mm:ss` in the given time zone.
    public static func time(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// A decimal rounded (half away from zero) to `maximumFractionDigits`, padded to `minimumFractionDigits`.
    static func decimal(_ value: Decimal, minimumFractionDigits: Int, maximumFractionDigits: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, maximumFractionDigits, .plain)
        var text = "\(rounded)"
        if text == "-0" { text = "0" }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let padded = fraction + String(repeating: "0", count: max(0, minimumFractionDigits - fraction.count))
        return padded.isEmpty ? String(parts[0]) : "\(parts[0]).\(padded)"
    }
}
