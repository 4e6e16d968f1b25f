import NIOCore
import StockStorage

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
            SecurityJSONWriter.writeHead(
                id: security.id, ticker: security.ticker, name: security.name, exchange: security.exchange,
                into: &buffer)
            let head = buffer.writerIndex
            SecurityJSONWriter.writeTail(
                country: security.country, currency: security.currency, isETF: security.isETF, into: &buffer)
            ends.append((head, buffer.writerIndex))
        }
        bytes = Array(buffer.readableBytesView)
        self.ends = ends
    }

    /// Appends the head of the security at `position`.
    func writeHead(_ position: Int, into buffer: inout ByteBuffer) {
        write(position == 0 ? 0 : ends[position - 1].tail, ends[position].head, into: &buffer)
    }

    /// Appends the tail of the security at `position`.
    func writeTail(_ position: Int, into buffer: inout ByteBuffer) {
        write(ends[position].head, ends[position].tail, into: &buffer)
    }

    private func write(_ start: Int, _ end: Int, into buffer: inout ByteBuffer) {
        bytes.withUnsafeBytes { all in
            _ = buffer.writeBytes(UnsafeRawBufferPointer(rebasing: all[start..<end]))
        }
    }
}
