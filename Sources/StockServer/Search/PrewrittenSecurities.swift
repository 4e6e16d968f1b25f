import NIOCore
import StockJSON
import StockModel

/// The parts of the securities' JSON objects that do not change between price ticks, written once when the
/// search index is built: per security, its head (`{"id":...,"ticker":...,"name":...,"exchange":...`) and its
/// tail (`,"country":...,"currency":...,"etf":...`). An answer then copies them around the latest price.
struct PrewrittenSecurities: Sendable {
    private let bytes: [UInt8]
    /// Per security (by position): the end of its head in `bytes`, then the end of its tail. The head starts
    /// where the previous security's tail ends.
    private let ends: [(head: Int, tail: Int)]

    init(_ securities: [Security]) {
        var buffer = ByteBuffer()
        var ends: [(head: Int, tail: Int)] = []
        ends.reserveCapacity(securities.count)
        for security in securities {
            // The keys and punctuation take 71 bytes.
            let bound = 96 + JSONCursor.numberBound + JSONCursor.bound(ofString: security.ticker)
                + JSONCursor.bound(ofString: security.name) + JSONCursor.bound(ofString: security.exchange)
                + JSONCursor.bound(ofString: security.country ?? "") + JSONCursor.bound(ofString: security.currency ?? "")
            var head = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { bytes in
                var json = JSONCursor(bytes)
                SecurityJSONWriter.writeHead(
                    id: security.id, ticker: security.ticker, name: security.name, exchange: security.exchange,
                    into: &json)
                head = json.count
                SecurityJSONWriter.writeTail(
                    country: security.country, currency: security.currency, isETF: security.isETF, into: &json)
                return json.count
            }
            let start = ends.last?.tail ?? 0
            ends.append((start + head, buffer.writerIndex))
        }
        bytes = Array(buffer.readableBytesView)
        self.ends = ends
    }

    /// The length of the head and tail of the security at `position`.
    func count(of position: Int) -> Int {
        ends[position].tail - (position == 0 ? 0 : ends[position - 1].tail)
    }

    /// Writes the head of the security at `position`.
    func writeHead(_ position: Int, into json: inout JSONCursor) {
        write(position == 0 ? 0 : ends[position - 1].tail, ends[position].head, into: &json)
    }

    /// Writes the tail of the security at `position`.
    func writeTail(_ position: Int, into json: inout JSONCursor) {
        write(ends[position].head, ends[position].tail, into: &json)
    }

    private func write(_ start: Int, _ end: Int, into json: inout JSONCursor) {
        bytes.withUnsafeBytes { all in json.write(UnsafeRawBufferPointer(rebasing: all[start..<end])) }
    }
}
