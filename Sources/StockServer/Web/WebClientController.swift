import Crypto
import Foundation
import Hummingbird

/// `GET /` and `GET /web/NAME`: the web client (`Web/WebClient/`: HTML, CSS and plain ES modules, shipped as this
/// module's resources, no build step). Every file is read once when the router is built and answered from memory
/// with a strong ETag of its content (SHA-256), `Cache-Control: no-cache` (the browser revalidates and gets `304`
/// while the file is unchanged), a Content-Security-Policy that allows only the page's own origin and
/// `X-Content-Type-Options: nosniff`. These routes are the page, not the API: `openapi.json` leaves them out.
struct WebClientController {
    /// The files by the path they are served at (`/` for `index.html`).
    let files: [String: WebClientFile]

    /// The page's policy: scripts, styles, images and connections (the API, the live-price socket) from its own
    /// origin only; no inline script or style, no plug-ins, no framing, forms post nowhere else.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// The paths of the routes this controller adds (`OpenAPIDocumentTests` leaves them out of the API's routes).
    static func isWebClientPath(_ path: String) -> Bool { path == "/" || path.hasPrefix("/web/") }

    /// Reads the bundled files.
    init() throws {
        guard let folder = Bundle.module.url(forResource: "WebClient", withExtension: nil) else {
            throw WebClientMissing()
        }
        var files: [String: WebClientFile] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            guard let file = WebClientFile(name: name, data: try Data(contentsOf: folder.appendingPathComponent(name)))
            else { continue }
            files[name == "index.html" ? "/" : "/web/\(name)"] = file
        }
        guard files["/"] != nil else { throw WebClientMissing() }
        self.files = files
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        for (path, file) in files {
            router.get(RouterPath(path)) { request, _ in file.response(to: request) }
        }
    }
}

/// One file of the web client, with its content type and ETag.
struct WebClientFile: Sendable {
    let body: ByteBuffer
    let contentType: String
    /// `"<SHA-256 of the content, hex>"`, quotes included.
    let eTag: String

    /// The content types of the kinds of file the client is made of; any other file is not served.
    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml", "png": "image/png",
    ]

    init?(name: String, data: Data) {
        guard let type = Self.contentTypes[(name as NSString).pathExtension] else { return nil }
        body = ByteBuffer(bytes: data)
        contentType = type
        eTag = "\"" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// `304` when the request's `If-None-Match` names this content, else `200` with it.
    func response(to request: Request) -> Response {
        var headers: HTTPFields = [
            .eTag: eTag, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff",
            .contentSecurityPolicy: WebClientController.contentSecurityPolicy,
        ]
        let known = request.headers[values: .ifNoneMatch].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if known.contains(eTag) || known.contains("*") {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

/// The resource folder holding the web client was not installed next to the binary.
struct WebClientMissing: Error, CustomStringConvertible {
    var description: String { "the web client Web/WebClient/index.html is missing from the build" }
}
