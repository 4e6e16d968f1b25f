import Foundation
import StockModel

/// The instant an ISO 8601 text with a zone names, such as `2026-12-04T16:00:00-05:00`.
func instant(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("not ISO 8601: \(text)") }
    return date
}

/// A price from its decimal text, such as `187.12`.
func price(_ text: String) -> Price {
    guard let price = Price(text) else { preconditionFailure("not a price: \(text)") }
    return price
}
