import Hummingbird
import StockMarket

/// `GET /security?q=&limit=` (also `/security/`): the search API.
struct SecurityController {
    static let maximumQueryLength = 100
    static let limits = 1...50

    let search: SecuritySearch
    /// Where the latest prices are: results carry the price of the last tick, not the one stored at index time.
    let hub: PriceHub

    /// Registers `/security`; Hummingbird's router matches `/security/` to it too.
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("security", use: find)
    }

    @Sendable func find(_ request: Request, context: AppRequestContext) throws -> Response {
        let parameters = request.uri.queryParameters
        guard let query = parameters.get("q"), !query.allSatisfy(\.isWhitespace) else {
            throw APIError(.badRequest, "the query parameter q is required (1 to \(Self.maximumQueryLength) characters)")
        }
        // A query of at most that many UTF-8 bytes has at most that many characters: no need to count them.
        guard query.utf8.count <= Self.maximumQueryLength || query.count <= Self.maximumQueryLength else {
            throw APIError(.badRequest, "q is longer than \(Self.maximumQueryLength) characters")
        }
        var limit = 10
        if let text = parameters.get("limit") {
            guard let value = Int(text), Self.limits.contains(value) else {
                throw APIError(.badRequest, "limit must be a whole number from 1 to 50")
            }
            limit = value
        }
        let answer = search.answer(query, limit: limit)
        let prices = hub.latestPrices(for: answer.ids)
        var body = ByteBuffer()
        body.reserveCapacity(256 + answer.hits.count * 320)
        SecurityJSONWriter.write(answer, latestPrices: prices, into: &body)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }
}
