import Foundation

/// What can go wrong talking to the service, with the server's `{"error": "..."}` message where it sent one.
public enum StockClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `401` with `"totp_required": true`: the password was right, the account needs a (valid) TOTP code: ask
    /// the user for it.
    case totpRequired(message: String)
    /// `401`: wrong credentials, or a token that is missing, expired or revoked.
    case unauthorized(message: String)
    /// `429`: too many attempts; `retryAfter` comes from the `Retry-After` header when the server sent one.
    case rateLimited(retryAfter: Duration?, message: String)
    /// `409`: a name is taken (an account, a list) or a limit is reached (lists, items, alerts, the last list).
    case conflict(message: String)
    /// Any other error status, with the server's message.
    case server(status: Int, message: String)
    /// The server could not be reached (refused, reset, timed out, closed).
    case unreachable(reason: String)
    /// The server answered something that is not the contract's shape.
    case invalidResponse(reason: String)

    /// The HTTP status the server answered with, when it answered.
    public var status: Int? {
        switch self {
        case .totpRequired, .unauthorized: 401
        case .rateLimited: 429
        case .conflict: 409
        case .server(let status, _): status
        case .unreachable, .invalidResponse: nil
        }
    }

    /// The server's message, or what went wrong on the way.
    public var message: String {
        switch self {
        case .totpRequired(let message), .unauthorized(let message), .rateLimited(_, let message),
             .conflict(let message), .server(_, let message):
            message
        case .unreachable(let reason): "cannot reach the server: \(reason)"
        case .invalidResponse(let reason): "unexpected answer from the server: \(reason)"
        }
    }

    public var description: String { message }

    /// Maps an error status and the server's JSON body to the matching case.
    static func fromResponse(status: Int, body: Data, retryAfter: String?) -> StockClientError {
        let error = try? JSONDecoder().decode(ErrorBody.self, from: body)
        let message = error?.error ?? HTTPStatusText.reason(status)
        switch status {
        case 401 where error?.totpRequired == true: return .totpRequired(message: message)
        case 401: return .unauthorized(message: message)
        case 409: return .conflict(message: message)
        case 429:
            let delay = retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { Duration.seconds($0) }
            return .rateLimited(retryAfter: delay, message: message)
        default: return .server(status: status, message: message)
        }
    }

    /// The server's error body: the message, and whether a login needs a TOTP code.
    private struct ErrorBody: Decodable {
        var error: String
        var totpRequired: Bool?

        enum CodingKeys: String, CodingKey {
            case error
            case totpRequired = "totp_required"
        }
    }
}

/// Reason phrases for statuses that come without a JSON message (a proxy's page, an empty body).
enum HTTPStatusText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "bad request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not found"
        case 409: "conflict"
        case 429: "too many requests"
        case 500..<600: "server error (\(status))"
        default: "HTTP \(status)"
        }
    }
}
