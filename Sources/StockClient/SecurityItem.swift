import Foundation
import StockModel
import StockQuotes

/// A security as the API answers it: a search result (with `match`) or a watchlist entry.
public struct SecurityItem: Decodable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var ticker: String
    public var name: String
    public var exchange: String
    /// The last price, exact; `nil` until the service has polled one.
    public var lastPrice: Price?
    /// The quote (change against the previous close, day range, volume, currency, market state); `nil` without
    /// a price.
    public var quote: Quote?
    /// How a search result matched, for highlighting; `nil` in watchlists.
    public var match: SearchMatch?

    public init(
        id: Int64, ticker: String, name: String, exchange: String, lastPrice: Price? = nil, quote: Quote? = nil,
        match: SearchMatch? = nil
    ) {
        self.id = id
        self.ticker = ticker
        self.name = name
        self.exchange = exchange
        self.lastPrice = lastPrice
        self.quote = quote
        self.match = match
    }

    enum CodingKeys: String, CodingKey {
        case id, ticker, name, exchange, match, quote
        case lastPrice = "last_price"
    }
}

/// Which field of a search result matched and which characters of it.
public struct SearchMatch: Decodable, Sendable, Equatable {
    /// `isin`, `cusip`, `exact_ticker`, `exact_name`, `initialism`, `ticker_prefix`, `name_prefix`,
    /// `word_prefix`, `fuzzy` or `partial`.
    public var kind: String
    /// `ticker`, `name`, `alias`, `isin` or `cusip`.
    public var field: String
    /// The text that matched.
    public var text: String
    /// Matched `[start, end)` ranges of Character offsets into `text`, in order; malformed pairs are dropped.
    public var ranges: [Range<Int>]

    public init(kind: String, field: String, text: String, ranges: [Range<Int>]) {
        self.kind = kind
        self.field = field
        self.text = text
        self.ranges = ranges
    }

    enum CodingKeys: String, CodingKey { case kind, field, text, ranges }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(String.self, forKey: .kind)
        field = try container.decode(String.self, forKey: .field)
        text = try container.decode(String.self, forKey: .text)
        let pairs = try container.decodeIfPresent([[Int]].self, forKey: .ranges) ?? []
        ranges = pairs.compactMap { pair in
            guard pair.count == 2, pair[0] >= 0, pair[0] < pair[1] else { return nil }
            return pair[0]..<pair[1]
        }
    }
}

/// The user a login or a registration answered with.
public struct UserInfo: Decodable, Sendable, Equatable {
    public var id: Int64
    public var username: String

    public init(id: Int64, username: String) {
        self.id = id
        self.username = username
    }
}

/// A successful login: the bearer token, when it expires and whose it is.
public struct LoginSession: Decodable, Sendable, Equatable {
    public var token: String
    /// The expiry as the server wrote it (ISO 8601).
    public var expiresAt: String?
    public var user: UserInfo

    public init(token: String, expiresAt: String?, user: UserInfo) {
        self.token = token
        self.expiresAt = expiresAt
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case token, user
        case expiresAt = "expires_at"
    }
}

/// `POST /auth/totp/setup`'s answer: the secret for an authenticator app (base32), and the `otpauth://` URI a QR
/// code would carry.
public struct TOTPSetup: Decodable, Sendable, Equatable {
    public var secret: String
    public var otpauthURI: String

    public init(secret: String, otpauthURI: String) {
        self.secret = secret
        self.otpauthURI = otpauthURI
    }

    enum CodingKeys: String, CodingKey {
        case secret
        case otpauthURI = "otpauth_uri"
    }
}
