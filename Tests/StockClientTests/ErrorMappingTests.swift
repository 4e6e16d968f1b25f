import Foundation
import Testing
@testable import StockClient

@Suite("Server errors become typed errors")
struct ErrorMappingTests {
    private func map(_ status: Int, _ body: String, retryAfter: String? = nil) -> StockClientError {
        StockClientError.fromResponse(status: status, body: Data(body.utf8), retryAfter: retryAfter)
    }

    @Test("a 401 with \"totp_required\": true is .totpRequired, with the server's message")
    func totp() {
        #expect(map(401, #"{"error":"send the code from your app","totp_required":true}"#)
            == .totpRequired(message: "send the code from your app"))
    }

    @Test("any other 401 is .unauthorized, whatever its message says")
    func unauthorized() {
        let error = map(401, #"{"error":"wrong user name or password"}"#)
        #expect(error == .unauthorized(message: "wrong user name or password"))
        #expect(error.status == 401)
        #expect(error.message == "wrong user name or password")
        #expect(map(401, #"{"error":"a TOTP code is required","totp_required":false}"#)
            == .unauthorized(message: "a TOTP code is required"))
        #expect(map(401, #"{"error":"invalid one-time code"}"#) == .unauthorized(message: "invalid one-time code"))
    }

    @Test("429 carries Retry-After")
    func rateLimited() {
        #expect(map(429, #"{"error":"too many attempts"}"#, retryAfter: "30")
            == .rateLimited(retryAfter: .seconds(30), message: "too many attempts"))
        #expect(map(429, "", retryAfter: nil) == .rateLimited(retryAfter: nil, message: "too many requests"))
    }

    @Test("409 is .conflict; other statuses keep status and message, even without a JSON body")
    func others() {
        #expect(map(409, #"{"error":"the user name is taken"}"#) == .conflict(message: "the user name is taken"))
        #expect(map(404, #"{"error":"no security 99"}"#) == .server(status: 404, message: "no security 99"))
        #expect(map(502, "<html>Bad Gateway</html>") == .server(status: 502, message: "server error (502)"))
    }

    @Test("the WebSocket URL follows the server's scheme and path")
    func webSocketURL() {
        #expect(StockClient(server: URL(string: "http://127.0.0.1:8080")!).webSocketURL
            == "ws://127.0.0.1:8080/ws/watchlist")
        #expect(StockClient(server: URL(string: "https://stocks.example/api/")!).webSocketURL
            == "wss://stocks.example/api/ws/watchlist")
    }
}
