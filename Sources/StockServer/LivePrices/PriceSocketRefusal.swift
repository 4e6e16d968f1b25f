import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// Why a WebSocket handshake was refused, answered as the route's status with `{"error": ...}`.
struct PriceSocketRefusal: Sendable, Error {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Writes the answer on the handshake's connection, then closes it.
    func answer(on channel: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>, logger: Logger) async {
        do {
            try await channel.executeThenClose { _, outbound in
                let encoder = JSONEncoder()
                encoder.outputFormatting = .withoutEscapingSlashes
                let body = try encoder.encode(["error": message])
                let head = HTTPResponse(status: status, headerFields: [
                    .contentType: "application/json; charset=utf-8",
                    .contentLength: String(body.count),
                    .connection: "close",
                ])
                try await outbound.write(contentsOf: [.head(head), .body(ByteBuffer(bytes: body)), .end(nil)])
            }
        } catch {
            logger.debug("could not answer a refused WebSocket handshake", metadata: ["error": "\(error)"])
        }
    }
}
