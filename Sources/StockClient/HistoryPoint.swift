import Foundation
import StockModel

/// One point of a security's intraday history (`GET /security/{id}/history`): `["<ISO 8601>", price]`.
public struct HistoryPoint: Decodable, Sendable, Equatable {
    public var time: Date
    /// The price, exact.
    public var price: Price

    public init(time: Date, price: Price) {
        self.time = time
        self.price = price
    }

    public init(from decoder: any Decoder) throws {
        var pair = try decoder.unkeyedContainer()
        let text = try pair.decode(String.self)
        guard let time = ISO8601.date(from: text) else {
            throw DecodingError.dataCorruptedError(in: pair, debugDescription: "not an ISO 8601 time: \(text)")
        }
        self.time = time
        price = try pair.decode(Price.self)
    }
}

/// The answer of `GET /security/{id}/history`.
struct HistoryAnswer: Decodable {
    var points: [HistoryPoint]
}
