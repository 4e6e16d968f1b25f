import Foundation

/// One message of the price socket (`/ws/watchlist`) as the terminal follows it: prices, a change to the user's
/// lists, a fired alert. Messages of other types (the contract lets the server add some) decode as `nil`.
public enum SocketMessage: Sendable, Equatable {
    /// A snapshot or the prices of one tick.
    case prices(PriceMessage)
    /// The user's lists changed (here, in another client, or on another node): read them again.
    case listsChanged(at: Date?)
    /// One of the user's alerts fired (it is stored with the price and time).
    case alert(PriceAlert, seq: Int64)

    /// Decodes a text frame; `nil` for a message of another type.
    public static func decode(_ text: String) throws -> SocketMessage? {
        let data = Data(text.utf8)
        let envelope = try JSONDecoder().decode(Envelope.self, from: data)
        switch envelope.type {
        case "lists_changed":
            return .listsChanged(at: envelope.at.flatMap(ISO8601.date(from:)))
        case "alert":
            let fired = try JSONDecoder().decode(FiredAlert.self, from: data)
            return .alert(fired.alert, seq: fired.seq)
        default:
            return try PriceMessage.decode(text).map(SocketMessage.prices)
        }
    }

    private struct Envelope: Decodable {
        var type: String
        var at: String?
    }

    private struct FiredAlert: Decodable {
        var seq: Int64
        var alert: PriceAlert
    }
}
