import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// The body decoded from JSON as `T`; a missing, oversized or malformed body is a 400 (413) whose message
    /// names the problem, e.g. `the body is missing "id"` or `"id" must be an integer`.
    func decodeJSONBody<T: Decodable>(as type: T.Type, maximumSize: Int = 16 * 1024) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: maximumSize)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "the body must be at most \(maximumSize) bytes")
        }
        guard buffer.readableBytes > 0 else { throw APIError(.badRequest, "the request needs a JSON body") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError(.badRequest, Self.message(for: error))
        }
    }

    private static func message(for error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "the body is missing \(path(context.codingPath + [key]))"
        case .typeMismatch(let type, let context):
            guard !context.codingPath.isEmpty else { return "the body must be a JSON object" }
            return "\(path(context.codingPath)) must be \(describe(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(describe(type)), not null"
        case .dataCorrupted(let context):
            guard !context.codingPath.isEmpty else { return "the body is not valid JSON" }
            return "\(path(context.codingPath)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "the body is not valid JSON of the expected shape"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        "\"" + codingPath.map(\.stringValue).joined(separator: ".") + "\""
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int64.Type, is Int.Type: "an integer"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default: "of type \(type)"
        }
    }
}
