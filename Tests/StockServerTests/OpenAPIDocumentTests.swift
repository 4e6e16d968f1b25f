import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StockMarket
import Testing

@testable import StockServer

/// `GET /openapi.json` against the router: every route the router has is in the document with its method, and the
/// document names no route the server does not serve. A new route goes into both (`docs/architecture.md`).
@Suite("The API document")
struct OpenAPIDocumentTests {
    @Test("the router's routes (and the WebSocket handshake) are exactly the document's paths and methods")
    func routesMatchTheDocument() async throws {
        let test = try await TestApplication()
        let livePrices = LivePrices(
            provider: NoQuotes(), stores: test.stores, interval: .seconds(60), configuration: LivePricesConfiguration(),
            logger: Logger(label: "test"))
        let router = try buildRouter(
            ServerConfiguration(), stores: test.stores, search: SecuritySearch(livePrices.catalog.listing),
            hub: livePrices.hub, watchlistObserver: livePrices.hub, alertObserver: livePrices.alerts,
            tokenRevocations: livePrices.tokenSockets)
        // The web client's page and files (GET / and /web/*) are no API routes.
        let routed = Set(router.routes.filter { !WebClientController.isWebClientPath("\($0.path)") }
            .map { "\($0.method.rawValue) \($0.path)" })
            .union(["GET \(PriceSockets.path)"])
        let documented = try Self.documentedRoutes(try Self.document())

        #expect(routed.subtracting(documented).isEmpty, "routed but not in openapi.json")
        #expect(documented.subtracting(routed).isEmpty, "in openapi.json but not routed")
        #expect(routed.count >= 12)
    }

    @Test("the document is OpenAPI 3.1, every $ref resolves, every operation has an id and its errors are JSON")
    func documentIsWellFormed() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        var references: [String] = []
        Self.collectReferences(in: document, into: &references)
        #expect(!references.isEmpty)
        for reference in references {
            #expect(Self.resolve(reference, in: document) != nil, "unresolved \(reference)")
        }
        var operationIDs: [String] = []
        for (path, operations) in try #require(document["paths"] as? [String: [String: Any]]) {
            for (method, value) in operations {
                let operation = try #require(value as? [String: Any])
                operationIDs.append(try #require(operation["operationId"] as? String, "\(method) \(path)"))
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
                for (status, response) in responses where status.hasPrefix("4") || status.hasPrefix("5") {
                    let resolved = Self.resolved(response, in: document)
                    let content = resolved?["content"] as? [String: Any]
                    #expect(content?["application/json"] != nil, "\(method) \(path) \(status) is no JSON error")
                }
                // Each {parameter} of the path is declared.
                let declared = Set(((operation["parameters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
                for segment in path.split(separator: "/") where segment.hasPrefix("{") {
                    #expect(declared.contains(String(segment.dropFirst().dropLast())), "\(method) \(path)")
                }
            }
        }
        #expect(Set(operationIDs).count == operationIDs.count, "operationIds are unique")
    }

    @Test("GET /openapi.json answers the committed document as JSON")
    func servedAsCommitted() async throws {
        let test = try await TestApplication()
        let app = try await test.build()
        let committed = try Data(contentsOf: Self.committedURL)
        try await app.test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(Data(buffer: response.body) == committed)
            }
        }
    }

    static let committedURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/StockServer/OpenAPI/openapi.json")

    static func document() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: try OpenAPIDocument.bytes()))
        return try #require(object as? [String: Any])
    }

    /// `METHOD /path` of every operation in `paths`.
    static func documentedRoutes(_ document: [String: Any]) throws -> Set<String> {
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        return Set(paths.flatMap { path, item in
            item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
    }

    static func collectReferences(in value: Any, into references: inout [String]) {
        if let object = value as? [String: Any] {
            if let reference = object["$ref"] as? String { references.append(reference) }
            for child in object.values { collectReferences(in: child, into: &references) }
        } else if let array = value as? [Any] {
            for child in array { collectReferences(in: child, into: &references) }
        }
    }

    /// The value a local `#/a/b` reference points to.
    static func resolve(_ reference: String, in document: [String: Any]) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var value: Any? = document
        for key in reference.dropFirst(2).split(separator: "/") {
            value = (value as? [String: Any])?[String(key)]
        }
        return value
    }

    /// `value` as an object, following its `$ref`.
    static func resolved(_ value: Any, in document: [String: Any]) -> [String: Any]? {
        guard let object = value as? [String: Any] else { return nil }
        guard let reference = object["$ref"] as? String else { return object }
        return resolve(reference, in: document) as? [String: Any]
    }
}
