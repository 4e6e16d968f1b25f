import Foundation
import NIOCore
import StockJSON
import StockModel
import StockQuotes

/// Writes security objects as JSON bytes directly. `GET /security` is the hot path: Foundation's `JSONEncoder`
/// costs several times the search itself, so the answer is written field by field, in the same shape that
/// `SecurityJSON`'s `Encodable` conformance gives (prices as exact decimals, times in ISO 8601). Each object is
/// written with one `JSONCursor` into room reserved once, numbers, prices and times digit by digit.
public enum SecurityJSONWriter {
    /// Appends `items` as a JSON array.
    public static func write(_ items: [SecurityJSON], into buffer: inout ByteBuffer) {
        buffer.writeStaticString("[")
        for (index, item) in items.enumerated() {
            // The keys and punctuation take 150 bytes, the id, price and time at most 83.
            var bound = 320 + JSONCursor.bound(ofString: item.ticker) + JSONCursor.bound(ofString: item.name)
                + JSONCursor.bound(ofString: item.exchange) + JSONCursor.bound(ofString: item.country ?? "")
                + JSONCursor.bound(ofString: item.currency ?? "")
                + (item.quote.map(JSONCursor.bound(ofQuote:)) ?? 0)
            if let match = item.match {
                bound += JSONCursor.bound(ofString: match.kind) + JSONCursor.bound(ofString: match.field)
                    + JSONCursor.bound(ofString: match.text)
                    + match.ranges.reduce(0) { $0 + 2 + $1.count * (JSONCursor.numberBound + 1) }
            }
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { bytes in
                var json = JSONCursor(bytes)
                if index > 0 { json.write(",") }
                writeHead(id: item.id, ticker: item.ticker, name: item.name, exchange: item.exchange, into: &json)
                writePrice(item.lastPrice, time: item.priceTime, into: &json)
                writeQuote(item.quote, into: &json)
                writeTail(country: item.country, currency: item.currency, isETF: item.isETF, into: &json)
                if let match = item.match {
                    writeMatchStart(kind: match.kind, field: match.field, text: match.text, into: &json)
                    for (index, range) in match.ranges.enumerated() {
                        json.write(index > 0 ? ",[" : "[")
                        for (position, bound) in range.enumerated() {
                            if position > 0 { json.write(",") }
                            json.writeDecimal(Int64(bound))
                        }
                        json.write("]")
                    }
                    json.write("]}")
                }
                json.write("}")
                return json.count
            }
        }
        buffer.writeStaticString("]")
    }

    /// Appends the securities of a search answer as a JSON array, each with its latest price from
    /// `latestPrices` (one per hit, in order) when that differs from the stored one (then without `price_time`, as the hub keeps prices,
    /// not their times) and its latest quote from `latestQuotes` (else the stored one): the same bytes as `write`
    /// of `SecurityJSON(result)` with that price and quote, with the parts that do not change between ticks
    /// copied from the catalog's `PrewrittenSecurities`.
    static func write(
        _ answer: SecuritySearch.Answer, latestPrices: [Price?], latestQuotes: [Quote?], into buffer: inout ByteBuffer
    ) {
        let catalog = answer.catalog
        buffer.writeStaticString("[")
        for (index, (position, hit)) in answer.hits.enumerated() {
            // Besides the pre-written parts and the text: keys and punctuation 79 bytes, price and time at most
            // 62, kind and field 23.
            let quote = latestQuotes[index] ?? catalog.securities[position].storedQuote
            let bound = 256 + catalog.json.count(of: position) + JSONCursor.bound(ofString: hit.matchedText)
                + hit.ranges.count * (3 + 2 * JSONCursor.numberBound) + (quote.map(JSONCursor.bound(ofQuote:)) ?? 0)
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { bytes in
                var json = JSONCursor(bytes)
                if index > 0 { json.write(",") }
                catalog.json.writeHead(position, into: &json)
                var lastPrice = catalog.securities[position].lastPrice
                var priceTime = catalog.securities[position].priceTime
                if let price = latestPrices[index], price != lastPrice {
                    lastPrice = price
                    priceTime = nil
                }
                writePrice(lastPrice, time: priceTime, into: &json)
                writeQuote(quote, into: &json)
                catalog.json.writeTail(position, into: &json)
                writeMatchStart(kind: hit.kind.rawValue, field: hit.field.rawValue, text: hit.matchedText, into: &json)
                for (index, range) in hit.ranges.enumerated() {
                    json.write(index > 0 ? ",[" : "[")
                    json.writeDecimal(Int64(range.lowerBound))
                    json.write(",")
                    json.writeDecimal(Int64(range.upperBound))
                    json.write("]")
                }
                json.write("]}}")
                return json.count
            }
        }
        buffer.writeStaticString("]")
    }

    /// `{"id":...,"ticker":...,"name":...,"exchange":...`
    static func writeHead(id: Int64, ticker: String, name: String, exchange: String, into json: inout JSONCursor) {
        json.write("{\"id\":")
        json.writeDecimal(id)
        json.write(",\"ticker\":")
        json.writeString(ticker)
        json.write(",\"name\":")
        json.writeString(name)
        json.write(",\"exchange\":")
        json.writeString(exchange)
    }

    /// `,"last_price":...` and, with a time, `,"price_time":"..."` (at most 92 bytes).
    private static func writePrice(_ lastPrice: Price?, time priceTime: Date?, into json: inout JSONCursor) {
        json.write(",\"last_price\":")
        if let lastPrice { json.writePrice(lastPrice) } else { json.write("null") }
        if let priceTime {
            json.write(",\"price_time\":\"")
            json.writeISO8601(priceTime)
            json.write("\"")
        }
    }

    /// `,"quote":{...}`, or `,"quote":null` without a price (at most 8 bytes besides the quote's bound).
    private static func writeQuote(_ quote: Quote?, into json: inout JSONCursor) {
        json.write(",\"quote\":")
        if let quote { json.writeQuote(quote) } else { json.write("null") }
    }

    /// `,"country":...,"currency":...,"etf":...` (country and currency only when known).
    static func writeTail(country: String?, currency: String?, isETF: Bool, into json: inout JSONCursor) {
        if let country {
            json.write(",\"country\":")
            json.writeString(country)
        }
        if let currency {
            json.write(",\"currency\":")
            json.writeString(currency)
        }
        json.write(isETF ? ",\"etf\":true" : ",\"etf\":false")
    }

    /// `,"match":{"kind":...,"field":...,"text":...,"ranges":[`; the caller writes the ranges and closes.
    private static func writeMatchStart(kind: String, field: String, text: String, into json: inout JSONCursor) {
        json.write(",\"match\":{\"kind\":")
        json.writeString(kind)
        json.write(",\"field\":")
        json.writeString(field)
        json.write(",\"text\":")
        json.writeString(text)
        json.write(",\"ranges\":[")
    }

    /// `2026-11-25T08:15:00Z`, as `JSONEncoder`'s `.iso8601` strategy writes it.
    static func iso8601(_ date: Date) -> String {
        var buffer = ByteBuffer()
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: JSONCursor.timeBound) { bytes in
            var json = JSONCursor(bytes)
            json.writeISO8601(date)
            return json.count
        }
        return String(buffer: buffer)
    }
}
