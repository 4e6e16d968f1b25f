import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StockServer

/// `GET /` and `GET /web/NAME`: the web client's files as shipped, with their ETag, the page's security headers and
/// `304` for a copy the browser already has.
@Suite("The web client's files")
struct WebClientTests {
    @Test("GET / is the page, with a strict Content-Security-Policy, nosniff and an ETag of its content")
    func pageAndHeaders() async throws {
        let test = try await TestApplication()
        let app = try await test.build()
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl] == "no-cache")
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"))
                #expect(!policy.contains("unsafe-inline") && !policy.contains("http"))
                #expect(response.headers[.eTag]?.count == 66)
                let page = String(buffer: response.body)
                #expect(page.contains("<script type=\"module\" src=\"/web/app.js\"></script>"))
                #expect(!page.contains("<script>") && !page.contains("style=") && !page.contains("<style"))
            }
        }
    }

    @Test("every module the page imports is served as JavaScript, from this origin only")
    func modulesAreServed() async throws {
        let test = try await TestApplication()
        let app = try await test.build()
        let controller = try WebClientController()
        let modules = controller.files.keys.filter { $0.hasSuffix(".js") }
        #expect(modules.count >= 8)
        try await app.test(.router) { client in
            for path in modules {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                    let source = String(buffer: response.body)
                    // Imports name sibling modules only: nothing is fetched from another origin.
                    for line in source.split(separator: "\n") where line.hasPrefix("import ") {
                        #expect(line.contains("from \"./"), "\(path): \(line)")
                    }
                    #expect(!source.contains("http://") && !source.contains("https://"), "\(path)")
                }
            }
        }
    }

    @Test("a request naming the current ETag gets 304 without a body; another ETag gets the file")
    func conditionalRequests() async throws {
        let test = try await TestApplication()
        let app = try await test.build()
        try await app.test(.router) { client in
            let eTag = try await client.execute(uri: "/web/style.css", method: .get) { response in
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/web/style.css", method: .get, headers: [.ifNoneMatch: "\"stale\", \(eTag)"]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == eTag)
            }
            try await client.execute(uri: "/web/style.css", method: .get, headers: [.ifNoneMatch: "\"stale\""]) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes > 1000)
            }
        }
    }

    @Test("a file the client does not have is a JSON 404, not a directory listing or another file")
    func unknownFiles() async throws {
        let test = try await TestApplication()
        let app = try await test.build()
        try await app.test(.router) { client in
            for path in ["/web/", "/web/missing.js", "/web/../Package.swift", "/web/%2e%2e/openapi.json", "/index.html"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(path)")
                }
            }
        }
    }
}
