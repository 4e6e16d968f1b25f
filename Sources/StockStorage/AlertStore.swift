import Foundation
import StockModel

/// A price alert as stored (SPEC "Price alerts"): its condition by contract name and its value in
/// ten-thousandths (of the price, or of a percent), and once it fired, when and at which price.
public struct StoredAlert: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var userID: Int64
    public var securityID: Int64
    public var ticker: String
    /// `price_above`, `price_below`, `change_percent_above` or `change_percent_below`.
    public var condition: String
    /// The value in units of 0.0001; may be negative for the percent conditions.
    public var value: Int64
    public var createdAt: Date
    public var triggeredAt: Date?
    public var price: Price?

    public init(
        id: Int64, userID: Int64, securityID: Int64, ticker: String, condition: String, value: Int64,
        createdAt: Date, triggeredAt: Date? = nil, price: Price? = nil
    ) {
        self.id = id
        self.userID = userID
        self.securityID = securityID
        self.ticker = ticker
        self.condition = condition
        self.value = value
        self.createdAt = createdAt
        self.triggeredAt = triggeredAt
        self.price = price
    }
}

/// That an alert fired: at which price, when.
public struct AlertFiring: Sendable, Hashable {
    public var alertID: Int64
    public var price: Price
    public var at: Date

    public init(alertID: Int64, price: Price, at: Date) {
        self.alertID = alertID
        self.price = price
        self.at = at
    }
}

/// Each user's price alerts. Every change is committed before the call returns.
public protocol AlertStore: Sendable {
    /// The user's alerts, fired ones included, oldest first.
    func alerts(userID: Int64) async throws -> [StoredAlert]
    /// Stores a new alert; `StorageError.notFound` for an unknown security, `.limitReached` when the user has
    /// `limit` alerts (fired ones count until deleted).
    func createAlert(
        userID: Int64, securityID: Int64, condition: String, value: Int64, limit: Int, at time: Date
    ) async throws -> StoredAlert
    /// Deletes one of the user's alerts; `false` when the user has none with that id.
    func deleteAlert(userID: Int64, alertID: Int64) async throws -> Bool
    /// Every alert that has not fired, of every user (what the polling node evaluates).
    func activeAlerts() async throws -> [StoredAlert]
    /// One alert by id, whoever's it is.
    func alert(id: Int64) async throws -> StoredAlert?
    /// Records firings, each once: returns the alerts recorded by this call (an alert deleted meanwhile, or
    /// recorded before, is left out), with their trigger time and price.
    func recordFirings(_ firings: [AlertFiring]) async throws -> [StoredAlert]
}

/// The messages of the errors both stores report the same way.
public enum AlertMessages {
    public static func tooMany(_ limit: Int) -> String {
        "a user has at most \(limit) alerts, fired ones included until deleted"
    }
}
