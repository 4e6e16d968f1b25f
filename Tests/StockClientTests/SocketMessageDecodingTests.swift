import Foundation
import StockClient
import StockModel
import Testing

@Suite("Decoding the socket's messages: prices, lists_changed, alert")
struct SocketMessageDecodingTests {
    @Test("lists_changed and a fired alert decode; prices as before; other types are skipped")
    func kinds() throws {
        #expect(try SocketMessage.decode(#"{"type":"lists_changed","at":"2026-08-21T14:30:00.000Z"}"#)
            == .listsChanged(at: Date(timeIntervalSince1970: 1_787_322_600)))
        let fired = try SocketMessage.decode(#"""
            {"type":"alert","seq":42,"at":"2026-08-21T14:30:01Z","alert":{"id":7,"security_id":1001,"ticker":"AAPL",
            "condition":"change_percent_below","value":-2.5,"created_at":"2026-08-21T14:00:00.000Z",
            "triggered_at":"2026-08-21T14:30:01.000Z","price":190.0125}}
            """#)
        guard case .alert(let alert, let seq) = fired else {
            Issue.record("not an alert: \(String(describing: fired))")
            return
        }
        #expect(seq == 42 && alert.id == 7 && alert.securityID == 1001 && alert.condition == .changePercentBelow)
        #expect(alert.value.tenThousandths == -25_000 && alert.price == Price("190.0125") && alert.fired)
        guard case .prices(let prices) = try SocketMessage.decode(#"{"type":"prices","seq":3,"prices":{"A":1.5}}"#)
        else {
            Issue.record("not prices")
            return
        }
        #expect(prices.prices["A"] == Price("1.5"))
        #expect(try SocketMessage.decode(#"{"type":"news","seq":1}"#) == nil)
    }

    @Test("a malformed alert (unknown condition, value with 5 decimals, no id) is an error, not a guess", arguments: [
        #"{"type":"alert","seq":1,"alert":{"id":7,"security_id":1,"ticker":"A","condition":"soon","value":1}}"#,
        #"{"type":"alert","seq":1,"alert":{"id":7,"security_id":1,"ticker":"A","condition":"price_above","value":1.00001}}"#,
        #"{"type":"alert","seq":1,"alert":{"security_id":1,"ticker":"A","condition":"price_above","value":1}}"#,
        #"{"type":"alert","seq":1}"#,
    ])
    func malformed(text: String) {
        #expect(throws: (any Error).self) { try SocketMessage.decode(text) }
    }
}
