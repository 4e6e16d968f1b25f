import Foundation
import StockModel

/// A change relative to a reference price, in percent, as an exact decimal with at most four fractional digits
/// (`1.23` means 1.23 %), held as a whole number of ten-thousandths of a percent. It may be negative.
public struct PercentChange: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The change in units of 0.0001 %.
    public var tenThousandths: Int64

    public init(tenThousandths: Int64) {
        self.tenThousandths = tenThousandths
    }

    /// Parses a plain decimal with an optional leading minus sign, such as `2.5`, `-0.75` or `10`; `nil` for
    /// anything else or more than four fractional digits.
    public init?(_ text: some StringProtocol) {
        let isNegative = text.hasPrefix("-")
        guard let magnitude = Price(isNegative ? text.dropFirst() : text[...]) else { return nil }
        tenThousandths = isNegative ? -magnitude.tenThousandths : magnitude.tenThousandths
    }

    /// The shortest exact decimal text: `2.5`, `-0.75`, `10`.
    public var description: String { Price(tenThousandths: tenThousandths).description }

    public static func < (lhs: PercentChange, rhs: PercentChange) -> Bool { lhs.tenThousandths < rhs.tenThousandths }
}

/// What makes an alert fire. Every comparison is strict.
public enum AlertCondition: Sendable, Hashable {
    /// The price is above the value.
    case priceAbove(Price)
    /// The price is below the value.
    case priceBelow(Price)
    /// The change from the security's reference price is above the value (see `AlertBook`).
    case changePercentAbove(PercentChange)
    /// The change from the security's reference price is below the value (see `AlertBook`).
    case changePercentBelow(PercentChange)

    /// The condition from its contract name (`price_above`, `price_below`, `change_percent_above`,
    /// `change_percent_below`) and its value in units of 0.0001 (of the price or of a percent); `nil` for an
    /// unknown name.
    public init?(name: String, tenThousandths value: Int64) {
        guard let kind = Kind(name: name) else { return nil }
        self.init(kind: kind, value: value)
    }

    /// The contract name: `price_above`, `price_below`, `change_percent_above` or `change_percent_below`.
    public var name: String { kind.name }

    /// The value in units of 0.0001 (of the price or of a percent).
    public var tenThousandths: Int64 {
        switch self {
        case .priceAbove(let price), .priceBelow(let price): price.tenThousandths
        case .changePercentAbove(let change), .changePercentBelow(let change): change.tenThousandths
        }
    }

    /// The four kinds of condition, as the book files them (one threshold heap per kind and security).
    enum Kind: UInt8, CaseIterable {
        case priceAbove, priceBelow, changePercentAbove, changePercentBelow

        init?(name: String) {
            guard let kind = Self.allCases.first(where: { $0.name == name }) else { return nil }
            self = kind
        }

        var name: String {
            switch self {
            case .priceAbove: "price_above"
            case .priceBelow: "price_below"
            case .changePercentAbove: "change_percent_above"
            case .changePercentBelow: "change_percent_below"
            }
        }

        /// Fires when the price rises past its threshold (else when it falls past it).
        var firesRising: Bool { self == .priceAbove || self == .changePercentAbove }

        /// Its threshold depends on the security's reference price.
        var isPercent: Bool { self == .changePercentAbove || self == .changePercentBelow }
    }

    init(kind: Kind, value: Int64) {
        switch kind {
        case .priceAbove: self = .priceAbove(Price(tenThousandths: value))
        case .priceBelow: self = .priceBelow(Price(tenThousandths: value))
        case .changePercentAbove: self = .changePercentAbove(PercentChange(tenThousandths: value))
        case .changePercentBelow: self = .changePercentBelow(PercentChange(tenThousandths: value))
        }
    }

    var kind: Kind {
        switch self {
        case .priceAbove: .priceAbove
        case .priceBelow: .priceBelow
        case .changePercentAbove: .changePercentAbove
        case .changePercentBelow: .changePercentBelow
        }
    }
}

/// An active price alert of one user on one security.
public struct Alert: Sendable, Hashable, Identifiable {
    /// The id it is stored under.
    public var id: Int64
    public var userID: Int64
    /// The stored id of the security (as in `PriceUpdate.securityID`).
    public var securityID: Int64
    public var condition: AlertCondition
    public var createdAt: Date

    public init(id: Int64, userID: Int64, securityID: Int64, condition: AlertCondition, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.securityID = securityID
        self.condition = condition
        self.createdAt = createdAt
    }
}

/// An alert that fired in a tick, with the price that fired it.
public struct FiredAlert: Sendable, Hashable {
    public var alert: Alert
    public var price: Price

    public init(alert: Alert, price: Price) {
        self.alert = alert
        self.price = price
    }
}
