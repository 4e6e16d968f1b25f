import Foundation
import StockAlerts
import StockModel
import StockStorage

/// The JSON of an alert, the same bytes in `GET /user/alerts` and in the socket's `alert` message:
/// `{"id":7,"security_id":1001,"ticker":"AAPL","condition":"price_above","value":190.5,
/// "created_at":"2026-08-21T14:30:00.000Z","triggered_at":null,"price":null}`.
public enum AlertMessage {
    /// The alert object.
    public static func object(_ alert: StoredAlert) -> [UInt8] {
        var bytes = Array(#"{"id":"#.utf8)
        bytes += String(alert.id).utf8
        bytes += #","security_id":"#.utf8
        bytes += String(alert.securityID).utf8
        bytes += #","ticker":"#.utf8
        bytes += PriceMessageWriter.jsonString(alert.ticker)
        bytes += #","condition":"#.utf8
        bytes += PriceMessageWriter.jsonString(alert.condition)
        bytes += #","value":"#.utf8
        bytes += PercentChange(tenThousandths: alert.value).description.utf8
        bytes += #","created_at":"#.utf8
        bytes += PriceMessageWriter.timeJSON(alert.createdAt)
        bytes += #","triggered_at":"#.utf8
        bytes += alert.triggeredAt.map(PriceMessageWriter.timeJSON) ?? Array("null".utf8)
        bytes += #","price":"#.utf8
        bytes += alert.price.map { Array($0.description.utf8) } ?? Array("null".utf8)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// `[{...}, ...]`: a list of alert objects.
    public static func array(_ alerts: [StoredAlert]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (offset, alert) in alerts.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += object(alert)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    /// `{"type":"alert","seq":N,"at":"...","alert":{...}}`: a fired alert pushed to its user's sockets.
    public static func fired(_ alert: StoredAlert, seq: Int64) -> [UInt8] {
        var bytes = Array(#"{"type":"alert","seq":"#.utf8)
        bytes += String(seq).utf8
        bytes += #","at":"#.utf8
        bytes += PriceMessageWriter.timeJSON(alert.triggeredAt ?? Date())
        bytes += #","alert":"#.utf8
        bytes += object(alert)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
