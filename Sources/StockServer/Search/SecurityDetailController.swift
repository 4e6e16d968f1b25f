import Foundation
import Hummingbird
import StockJSON
import StockMarket
import StockModel
import StockStorage

/// `GET /security/{id}`: one security with its quote; `GET /security/{id}/history`: its intraday history on this
/// node (SPEC, "Quotes").
struct SecurityDetailController {
    let securities: any SecurityStore
    /// Where the latest quotes and the intraday histories are.
    let hub: PriceHub

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("security/{id}", use: security)
        router.get("security/{id}/history", use: history)
    }

    /// `200` the security object of search results and watchlists; `400` for an id that is no positive whole
    /// number, `404` for an unknown one.
    @Sendable func security(_ request: Request, context: AppRequestContext) async throws -> SecurityJSON {
        let security = try await existingSecurity(context)
        return SecurityJSON(security, latest: hub.latestQuotes(for: [security.id])[0])
    }

    /// `200 {"points": [["<ISO 8601>", price], ...]}`: the current or last trading day's points, oldest first,
    /// at most 400 (`TickHistory`); the errors of `security`.
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let security = try await existingSecurity(context)
        let points = hub.history(of: security.id) ?? []
        var body = ByteBuffer()
        body.writeStaticString(#"{"points":["#)
        // A point: brackets, quotes and commas 7 bytes, the time and the price.
        let bound = points.count * (7 + JSONCursor.timeBound + 26)
        body.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { bytes in
            var json = JSONCursor(bytes)
            for (index, (time, price)) in points.enumerated() {
                json.write(index == 0 ? "[\"" : ",[\"")
                json.writeISO8601(time)
                json.write("\",")
                json.writePrice(price)
                json.write("]")
            }
            return json.count
        }
        body.writeStaticString("]}")
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    /// The security the path's `{id}` names.
    private func existingSecurity(_ context: AppRequestContext) async throws -> Security {
        let id = try Self.id(context.parameters.get("id") ?? "")
        guard let security = try await securities.security(id: id) else {
            throw APIError(.notFound, "no security has the id \(id)")
        }
        return security
    }

    /// The id in the path: 1 to 19 ASCII digits, not 0 (anything else is a `400` that does not echo it).
    static func id(_ text: String) throws -> Int64 {
        guard (1...19).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let id = Int64(text), id > 0
        else { throw APIError(.badRequest, "the security id in the path must be a positive whole number") }
        return id
    }
}
