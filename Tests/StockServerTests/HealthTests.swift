import Foundation
import Hummingbird
import HummingbirdTesting
import StockServer
import Testing

@Suite("Service basics")
struct HealthTests {
    @Test("an empty database gets the bundled listing, /health answers, unknown routes give a JSON 404")
    func firstStart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stores = try Stores.sqlite(path: directory.appendingPathComponent("db.sqlite").path)
        let app = try await buildApplication(ServerConfiguration(), stores: stores)
        #expect(try await stores.securities.securityCount() > 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
            try await client.execute(uri: "/no/such/route", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(body["error"]?.contains("/no/such/route") == true)
            }
        }
    }
}
