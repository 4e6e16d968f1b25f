import Foundation
import NIOHTTP1
import StockQuotes

/// The user's price alerts (SPEC "Price alerts"). A bad condition or value is `.server(status: 400, ...)`, an
/// unknown security or alert (or another user's) `.server(status: 404, ...)`, more than 200 alerts `.conflict`;
/// each error carries the server's message.
extension StockClient {
    /// The user's alerts, waiting and fired, oldest first (`GET /user/alerts`).
    public func alerts() async throws(StockClientError) -> [PriceAlert] {
        try await send(.GET, "/user/alerts", body: nil)
    }

    /// Creates an alert (`POST /user/alerts`). It fires once, at the first tick at which the condition holds,
    /// and every open price socket of the user gets it as an `alert` message.
    public func createAlert(securityID: Int64, condition: PriceAlert.Condition, value: Percent)
        async throws(StockClientError) -> PriceAlert
    {
        try await send(.POST, "/user/alerts", body: try encode(AlertRequest(
            securityID: securityID, condition: condition.rawValue, value: value)))
    }

    /// Deletes an alert, waiting or fired (`DELETE /user/alerts/{id}`).
    public func deleteAlert(id: Int64) async throws(StockClientError) {
        _ = try await perform(.DELETE, "/user/alerts/\(id)", body: nil)
    }

    /// The body of `POST /user/alerts`; `value` is written as an exact JSON number.
    private struct AlertRequest: Encodable {
        var securityID: Int64
        var condition: String
        var value: Percent

        enum CodingKeys: String, CodingKey {
            case securityID = "security_id"
            case condition, value
        }
    }
}
