import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The service's HTTP API as typed calls. Every call throws `StockClientError`.
///
/// A value type: set `token` (from `login`) and the authenticated calls carry it as a bearer header.
public struct StockClient: Sendable {
    /// The service's base URL, e.g. `http://127.0.0.1:8080`.
    public let server: URL
    /// The bearer token of the logged-in user, if any.
    public var token: String?
    /// How long one request may take before the server counts as unreachable.
    public var timeout: Duration

    let http: HTTPClient

    /// A client for `server`; `http` defaults to `StockClient.sharedHTTPClient`.
    public init(
        server: URL, token: String? = nil, timeout: Duration = .seconds(10), http: HTTPClient = sharedHTTPClient
    ) {
        self.server = server
        self.token = token
        self.timeout = timeout
        self.http = http
    }

    /// Creates an account (`POST /auth/register`). Throws `.conflict` when the name is taken.
    @discardableResult
    public func register(username: String, password: String) async throws(StockClientError) -> UserInfo {
        try await send(.POST, "/auth/register", json: ["username": username, "password": password])
    }

    /// Logs in (`POST /auth/login`). Throws `.totpRequired` when the account needs a (valid) TOTP code.
    public func login(username: String, password: String, totp: String? = nil) async throws(StockClientError)
        -> LoginSession
    {
        var body = ["username": username, "password": password]
        if let totp, !totp.isEmpty { body["totp"] = totp }
        return try await send(.POST, "/auth/login", json: body)
    }

    /// Revokes the token on the server (`POST /auth/logout`).
    public func logout() async throws(StockClientError) {
        _ = try await perform(.POST, "/auth/logout", body: nil)
    }

    /// Starts TOTP set-up (`POST /auth/totp/setup`): a new secret, required at login once `confirmTOTP` confirms
    /// a code from it. Needs the account's password (a wrong one is `.server(status: 403, ...)`).
    public func setUpTOTP(password: String) async throws(StockClientError) -> TOTPSetup {
        try await send(.POST, "/auth/totp/setup", json: ["password": password])
    }

    /// Turns TOTP on with a code from the set-up secret (`POST /auth/totp/confirm`).
    public func confirmTOTP(code: String) async throws(StockClientError) {
        _ = try await perform(.POST, "/auth/totp/confirm", body: try encode(["code": code]))
    }

    /// Turns TOTP off (`POST /auth/totp/disable`); needs the password and a current code.
    public func disableTOTP(password: String, code: String) async throws(StockClientError) {
        _ = try await perform(.POST, "/auth/totp/disable", body: try encode(["password": password, "code": code]))
    }

    /// Searches securities (`GET /security?q=&limit=`), best first.
    public func search(query: String, limit: Int = 10) async throws(StockClientError) -> [SecurityItem] {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "q", value: query), URLQueryItem(name: "limit", value: "\(limit)")]
        // `+` is legal in a query but servers read it as a space.
        let query = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try await send(.GET, "/security?" + query)
    }

    /// A security's intraday history (`GET /security/{id}/history`): the current or last trading day's points,
    /// oldest first, at most 400.
    public func history(id: Int64) async throws(StockClientError) -> [HistoryPoint] {
        let answer: HistoryAnswer = try await send(.GET, "/security/\(id)/history")
        return answer.points
    }

    /// The user's watchlist (`GET /user/security`).
    public func watchlist() async throws(StockClientError) -> [SecurityItem] {
        try await send(.GET, "/user/security")
    }

    /// Adds a security to the watchlist (`POST /user/security`); adding one already there is fine.
    public func add(id: Int64) async throws(StockClientError) {
        _ = try await perform(.POST, "/user/security", body: try encode(["id": id]))
    }

    /// Removes a security from the watchlist (`DELETE /user/security`); removing one not there is fine.
    public func remove(id: Int64) async throws(StockClientError) {
        _ = try await perform(.DELETE, "/user/security", body: try encode(["id": id]))
    }

    /// The HTTP client every `StockClient` uses unless given another, for the life of the process. Unlike
    /// `HTTPClient.shared` it does not keep retrying a refused connection until the request's deadline: it fails
    /// at once (after 3 s for a connection nobody answers), so that the caller can say so and decide when to try
    /// again.
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(3)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    // MARK: - Transport

    private func send<Answer: Decodable>(_ method: HTTPMethod, _ path: String, json: [String: String]? = nil)
        async throws(StockClientError) -> Answer
    {
        try await send(method, path, body: try json.map { dictionary throws(StockClientError) in
            try encode(dictionary)
        })
    }

    /// Sends one request with `body` (JSON) and decodes the 2xx answer as `Answer`.
    func send<Answer: Decodable>(_ method: HTTPMethod, _ path: String, body: Data?)
        async throws(StockClientError) -> Answer
    {
        let data = try await perform(method, path, body: body)
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw .invalidResponse(reason: "\(method) \(path): \(error)")
        }
    }

    func encode(_ value: some Encodable) throws(StockClientError) -> Data {
        do { return try JSONEncoder().encode(value) } catch { throw .invalidResponse(reason: "\(error)") }
    }

    /// Sends one request and answers the body of a 2xx response; anything else becomes a `StockClientError`.
    func perform(_ method: HTTPMethod, _ path: String, body: Data?) async throws(StockClientError) -> Data {
        var request = HTTPClientRequest(url: server.absoluteString.trimmingSuffix("/") + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response: HTTPClientResponse
        let data: Data
        do {
            response = try await http.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            data = Data(buffer: try await response.body.collect(upTo: 8 << 20))
        } catch let error as HTTPClientError where error == .cancelled {
            throw .unreachable(reason: "cancelled")
        } catch {
            throw .unreachable(reason: Self.describe(error))
        }
        guard (200..<300).contains(response.status.code) else {
            throw StockClientError.fromResponse(
                status: Int(response.status.code), body: data, retryAfter: response.headers.first(name: "Retry-After"))
        }
        return data
    }

    /// A short human reason for a transport error ("connection refused" rather than a NIO type dump).
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        if text.localizedCaseInsensitiveContains("upgrade") { return "the WebSocket upgrade was refused" }
        if text.localizedCaseInsensitiveContains("timeout") || text.localizedCaseInsensitiveContains("timed out") {
            return "timed out"
        }
        if text.localizedCaseInsensitiveContains("closed") || text.localizedCaseInsensitiveContains("reset") {
            return "connection closed"
        }
        return text
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
