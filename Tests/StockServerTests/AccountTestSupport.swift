import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import StockApp
import StockFixtures
import StockListing
import StockMarket
import StockServer
import StockModel
import StockStorage
import Testing

/// A temporary directory holding one SQLite file, removed when the test ends.
final class TemporaryDirectory: Sendable {
    let url: URL
    var databasePath: String { url.appendingPathComponent("test.sqlite").path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("st-accounts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The configuration tests run with: bcrypt at its lowest cost, so hashing takes about a millisecond, and room
/// for the registrations of a test (all of a router test's requests come from one unknown address). The login
/// limits keep their defaults; the registration limit's own tests set theirs.
func testConfiguration() -> ServerConfiguration {
    var configuration = ServerConfiguration()
    configuration.bcryptCost = 4
    configuration.port = 0
    configuration.logLevel = .warning
    configuration.accounts.registrationsPerAddress = 1000
    return configuration
}

/// The service on `stores` as `serve` builds it: the bundled listing imported into an empty database, the
/// price provider the configuration names.
func buildApplication(
    _ configuration: ServerConfiguration, stores: Stores, watchlistObserver: (any WatchlistChangeObserver)? = nil
) async throws -> some ApplicationProtocol {
    let logger = Logger(label: "test")
    try await BundledListing.importIfEmpty(into: stores.securities, logger: logger)
    return try await buildApplication(
        configuration, stores: stores, livePrices: LivePrices(configuration, stores: stores, logger: logger),
        watchlistObserver: watchlistObserver)
}

/// Securities `T0001`, `T0002`, ... upserted into the store; returns their ids in order.
@discardableResult
func addTestSecurities(_ count: Int, to stores: Stores) async throws -> [Int64] {
    let records = (1...count).map { number in
        ListingRecord(symbol: "T\(number)", name: "Test Security \(number)", exchange: "TEST")
    }
    _ = try await stores.securities.upsert(records)
    let symbols = Set(records.map(\.symbol))
    return try await stores.securities.allSecurities().filter { symbols.contains($0.ticker) }.map(\.id)
}

/// A response reduced to what the tests look at.
struct Reply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: Data

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    /// The `error` message of a JSON error body.
    func errorMessage() throws -> String {
        try #require(try object()["error"] as? String)
    }

    /// The ids of a JSON array of securities.
    func securityIDs() throws -> [Int64] {
        let array = try #require(try JSONSerialization.jsonObject(with: body) as? [[String: Any]])
        return try array.map { try #require(($0["id"] as? NSNumber)?.int64Value) }
    }
}

extension TestClientProtocol {
    /// Sends `body` (raw JSON text) with the bearer `token`, if any.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json body: String? = nil)
        async throws -> Reply
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await executeRequest(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }

    /// Registers `username` and checks it worked; returns the user's id.
    @discardableResult
    func register(_ username: String, password: String = "correct horse") async throws -> Int64 {
        let reply = try await send(
            .post, "/auth/register", json: #"{"username": "\#(username)", "password": "\#(password)"}"#)
        #expect(reply.status == .created)
        return try #require((try reply.object()["id"] as? NSNumber)?.int64Value)
    }

    /// Logs in and returns the token; fails the test when login does not succeed.
    func login(_ username: String, password: String = "correct horse", totp: String? = nil) async throws -> String {
        let reply = try await send(.post, "/auth/login", json: credentials(username, password, totp))
        #expect(reply.status == .ok, "login failed: \(String(decoding: reply.body, as: UTF8.self))")
        return try #require(try reply.object()["token"] as? String)
    }
}

/// A register or login body.
func credentials(_ username: String, _ password: String, _ totp: String? = nil) -> String {
    let code = totp.map { #", "totp": "\#($0)""# } ?? ""
    return #"{"username": "\#(username)", "password": "\#(password)"\#(code)}"#
}

/// Requests from a real HTTP client (AsyncHTTPClient, a pool of connections) to a live test server, for the
/// tests that send many at once; `forwardedFor` sets `X-Forwarded-For` (read when the server trusts loopback).
enum LiveHTTP {
    static func send(
        _ method: HTTPRequest.Method, port: Int, _ path: String, token: String? = nil, json body: String? = nil,
        forwardedFor: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method.rawValue)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let forwardedFor { request.headers.add(name: "X-Forwarded-For", value: forwardedFor) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        var headers = HTTPFields()
        for (name, value) in response.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        let data = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: .init(code: Int(response.status.code)), headers: headers, body: Data(buffer: data))
    }
}
