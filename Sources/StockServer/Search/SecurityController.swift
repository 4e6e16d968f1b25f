import Hummingbird
import StockMarket

/// `GET /security?q=&limit=` (also `/security/`): the search API.
struct SecurityController {
    /// The longest `q` in characters (grapheme clusters, as a user counts them).
    static let maximumQueryLength = 100
    /// The longest `q` in UTF-8 bytes, checked first: it bounds the work of counting scalars and characters.
    static let maximumQueryBytes = 400
    /// The longest `q` in Unicode scalars: one character may carry thousands of combining marks, each of which
    /// the normalizer (ICU) and the search would handle.
    static let maximumQueryScalars = 200
    static let limits = 1...50

    let search: SecuritySearch
    /// Where the latest prices and quotes are: results carry those of the last tick, not the ones stored at index
    /// time (an answer is kept, in its catalog's `SearchResponseCache`, only until they change).
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
        try Self.checkBounds(of: query)
        var limit = 10
        if let text = parameters.get("limit") {
            guard let value = Int(text), Self.limits.contains(value) else {
                throw APIError(.badRequest, "limit must be a whole number from 1 to 50")
            }
            limit = value
        }
        let catalog = search.current
        let key = SearchResponseCache.Key(query: query, limit: limit)
        // Read before the quotes are: an answer stored under it holds quotes at least as new.
        let version = hub.quotesVersion
        let body = catalog.responses.body(for: key, version: version) ?? {
            let body = write(catalog.answer(query, limit: limit))
            catalog.responses.store(body, for: key, version: version)
            return body
        }()
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    /// The JSON of `answer`, with the hub's latest prices and quotes.
    private func write(_ answer: SecuritySearch.Answer) -> ByteBuffer {
        let quotes = hub.latestQuotes(for: answer.ids)
        var body = ByteBuffer()
        body.reserveCapacity(256 + answer.hits.count * 320)
        SecurityJSONWriter.write(answer, latestPrices: quotes.map { $0?.price }, latestQuotes: quotes, into: &body)
        return body
    }

    /// Throws a `400` naming the first bound `query` passes: bytes, then scalars, then characters (each count
    /// bounded by the one before, so none is expensive).
    static func checkBounds(of query: String) throws {
        guard query.utf8.count <= maximumQueryBytes else {
            throw APIError(.badRequest, "q is longer than \(maximumQueryBytes) UTF-8 bytes")
        }
        guard query.unicodeScalars.count <= maximumQueryScalars else {
            throw APIError(.badRequest, "q has more than \(maximumQueryScalars) Unicode scalars")
        }
        // A query of at most that many UTF-8 bytes has at most that many characters: no need to count them.
        guard query.utf8.count <= maximumQueryLength || query.count <= maximumQueryLength else {
            throw APIError(.badRequest, "q is longer than \(maximumQueryLength) characters")
        }
    }
}
