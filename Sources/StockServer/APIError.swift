import Foundation
import Hummingbird
import Logging

/// An error answered as `{"error": "<message>"}` with a 4xx (or 5xx) status, as the contract requires.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let message: String
    public let headers: HTTPFields
    /// Flags sent beside `error` that clients act on, e.g. `"totp_required": true` on a login's `401`.
    public let flags: [String: Bool]

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:], flags: [String: Bool] = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
        self.flags = flags
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = try JSONEncoder().encode(ErrorBody(error: message, flags: flags))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `{"error": message}` and the flags, in a fixed order.
    private struct ErrorBody: Encodable {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        var error: String
        var flags: [String: Bool]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(error, forKey: Key(stringValue: "error"))
            for (name, value) in flags.sorted(by: { $0.key < $1.key }) {
                try container.encode(value, forKey: Key(stringValue: name))
            }
        }
    }
}

/// Turns every error into the contract's JSON shape: Hummingbird's own errors (unknown route, undecodable body)
/// keep their status with a readable message; unexpected errors are logged and answered with a bare 500.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error.status, Self.message(for: error, request: request), headers: error.headers)
        } catch let error as HTTPResponseError {
            throw APIError(error.status, error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw APIError(.internalServerError, "internal error")
        }
    }

    private static func message(for error: HTTPError, request: Request) -> String {
        if let body = error.body, !body.isEmpty { return body }
        switch error.status {
        case .notFound: return "no route for \(request.method) \(request.uri.path)"
        case .badRequest: return "the request body is not valid JSON of the expected shape"
        default: return error.status.reasonPhrase
        }
    }
}
