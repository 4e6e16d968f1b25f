import Foundation
import Hummingbird
import NIOCore
import StockAlerts
import StockMarket
import StockModel
import StockStorage

/// `/user/alerts`: the authenticated user's price alerts (SPEC "Price alerts"). An alert id of another user is
/// `404`, as an unknown one. Every change is committed, then reported to the observer (the polling node's book).
struct AlertsController {
    let accounts: any AccountStore
    let alerts: any AlertStore
    let observer: any AlertChangeObserver
    /// The most alerts one user has, fired ones included until deleted.
    let maximumPerUser: Int

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group("user/alerts").add(middleware: TokenAuthenticator(accounts: accounts))
        group.get(use: list)
        group.post(use: create)
        group.delete("{id}", use: delete)
    }

    /// `GET /user/alerts` → `200 [alert]`, oldest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.json(.ok, AlertMessage.array(try await alerts.alerts(userID: context.requireUser().id)))
    }

    /// `POST /user/alerts {"security_id", "condition", "value"}` → `201` the alert; `400` for a bad condition or
    /// value, `404` for an unknown security, `409` past the limit.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let userID = try context.requireUser().id
        let body = try await request.decodeJSONBody(as: AlertBody.self)
        let condition = try AlertRules.condition(body.condition, value: body.value)
        let alert = try await mapStorageErrors {
            try await alerts.createAlert(
                userID: userID, securityID: body.securityID, condition: condition.name,
                value: condition.tenThousandths, limit: maximumPerUser, at: Date())
        }
        await observer.alertCreated(alert)
        return Self.json(.created, AlertMessage.object(alert))
    }

    /// `DELETE /user/alerts/{id}` → `204`; `404` for none of the user's.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let userID = try context.requireUser().id
        let raw = context.parameters.get("id") ?? ""
        guard let id = Int64(raw) else {
            throw APIError(.badRequest, "the alert id in the path must be an integer, not \(raw)")
        }
        guard try await alerts.deleteAlert(userID: userID, alertID: id) else {
            throw APIError(.notFound, "no alert of yours has the id \(id)")
        }
        await observer.alertDeleted(id: id)
        return Response(status: .noContent)
    }

    private static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// `{"security_id", "condition", "value"}`; `value` is read as the JSON number's exact decimal.
struct AlertBody: Decodable {
    var securityID: Int64
    var condition: String
    var value: Decimal

    enum CodingKeys: String, CodingKey {
        case securityID = "security_id"
        case condition, value
    }
}

/// What makes a valid alert condition (SPEC "Price alerts").
enum AlertRules {
    /// The largest magnitude of a percent value: 1,000,000 %.
    static let maximumPercent = Int64(1_000_000) * 10_000
    /// The largest price value: 1,000,000,000 (the largest price a provider may send).
    static let maximumPrice = Int64(1_000_000_000) * 10_000

    /// The condition named `name` with `value`; `400` naming the problem otherwise.
    static func condition(_ name: String, value: Decimal) throws -> AlertCondition {
        let names = ["price_above", "price_below", "change_percent_above", "change_percent_below"]
        guard names.contains(name) else {
            throw APIError(.badRequest, "\"condition\" must be one of \(names.joined(separator: ", "))")
        }
        guard value.isFinite, let exact = PercentChange(value.description) else {
            throw APIError(
                .badRequest, "\"value\" must be a number with at most 4 fractional digits, within ±10^14")
        }
        if name.hasPrefix("price") {
            guard exact.tenThousandths > 0, exact.tenThousandths <= maximumPrice else {
                throw APIError(.badRequest, "\"value\" of a price condition must be above 0 and at most 1000000000")
            }
        } else if abs(exact.tenThousandths) > maximumPercent {
            throw APIError(.badRequest, "\"value\" of a percent condition must be within ±1000000")
        }
        return AlertCondition(name: name, tenThousandths: exact.tenThousandths)!
    }
}
