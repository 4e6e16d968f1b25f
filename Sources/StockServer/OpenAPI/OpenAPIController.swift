import Foundation
import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 document of every route, as committed (`OpenAPIDocument`).
struct OpenAPIController {
    /// The document's bytes, read once when the router is built.
    let document: ByteBuffer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("openapi.json") { [document] _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: document))
        }
    }
}

/// The API document, `Sources/StockServer/OpenAPI/openapi.json`: written by hand, shipped as this module's
/// resource. Every route of the router is in it and nothing else (`OpenAPIDocumentTests`); schemathesis checks the
/// answers against it (`scripts/test.sh`).
enum OpenAPIDocument {
    /// The document as served.
    static func bytes() throws -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw OpenAPIDocumentMissing()
        }
        return ByteBuffer(bytes: try Data(contentsOf: url))
    }
}

/// The resource bundle holding `openapi.json` was not installed next to the binary.
struct OpenAPIDocumentMissing: Error, CustomStringConvertible {
    var description: String { "the API document OpenAPI/openapi.json is missing from the build" }
}
