import Foundation
import StockClient
import StockModel
import StockQuotes

/// The small form `a` opens on the selected row: a condition (Tab cycles it; on the condition field, ↑, 1-4
/// pick it) and a value. It opens on the value, so that a number typed at once is the value, never a pick.
public struct AlertForm: Sendable, Equatable {
    public enum Field: Sendable, Equatable { case condition, value }

    public var securityID: Int64
    public var ticker: String
    /// The row's last price, shown as a hint.
    public var lastPrice: Price?
    public var condition = PriceAlert.Condition.priceAbove
    public var value = ""
    public var field = Field.value
    /// Why the value was refused, shown in the form.
    public var error: String?

    public init(securityID: Int64, ticker: String, lastPrice: Price?) {
        self.securityID = securityID
        self.ticker = ticker
        self.lastPrice = lastPrice
    }

    /// The conditions in the order Tab cycles and 1-4 pick them.
    public static let conditions = PriceAlert.Condition.allCases

    /// The most characters the value field takes.
    static let valueLength = 24

    /// The condition `steps` places further in `conditions` (negative: back), wrapping around.
    mutating func cycle(_ steps: Int) {
        let all = Self.conditions
        let position = all.firstIndex(of: condition) ?? 0
        condition = all[((position + steps) % all.count + all.count) % all.count]
        error = nil
    }

    /// The value as the server takes it, or why not: a number with at most four fractional digits; a price
    /// above 0 and at most 1,000,000,000; a percent within ±1,000,000 (SPEC "Price alerts").
    public func validatedValue() -> Result<Percent, AlertValueError> {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(AlertValueError("Type a value")) }
        let negative = text.hasPrefix("-")
        let digits = negative || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard let magnitude = Price(digits) else {
            return .failure(AlertValueError("“\(text)” is not a number with at most 4 decimals"))
        }
        let exact = Percent(tenThousandths: negative ? -magnitude.tenThousandths : magnitude.tenThousandths)
        if condition.isPrice {
            guard exact.tenThousandths > 0 else { return .failure(AlertValueError("A price must be above 0")) }
            guard exact.tenThousandths <= 1_000_000_000 * 10_000 else {
                return .failure(AlertValueError("A price must be at most 1000000000"))
            }
        } else if abs(exact.tenThousandths) > 1_000_000 * 10_000 {
            return .failure(AlertValueError("A change must be within ±1000000 %"))
        }
        return .success(exact)
    }
}

/// Why the alert form refused its value.
public struct AlertValueError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }
}
