import HTTPTypes

/// The reverse proxies whose `X-Forwarded-For` the server believes (`--trusted-proxy`), and so the address a
/// request comes from.
///
/// Each proxy appends the address it got the request from, so only the right end of the header can be trusted:
/// the client is the rightmost hop that is not a trusted proxy; anything left of it may have been written by the
/// client. Without trusted proxies (the default) the header is never read.
struct TrustedProxies: Sendable {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    let ranges: [AddressRange]

    /// The proxies `cidrs` names; throws naming the first entry that is neither an address nor a CIDR network.
    init(cidrs: [String]) throws(InvalidTrustedProxy) {
        ranges = try cidrs.map { cidr throws(InvalidTrustedProxy) in
            guard let range = AddressRange(cidr) else { throw InvalidTrustedProxy(entry: cidr) }
            return range
        }
    }

    func trusts(_ address: ClientAddress) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// Where a request from `peer` comes from: the peer itself unless it is a trusted proxy; then the rightmost
    /// hop of `forwardedFor` (the header's values, in order) that is no trusted proxy, or its leftmost hop when
    /// all are. A hop that is not an address makes it the proxy's own address: all such requests share one count.
    func clientAddress(peer: ClientAddress?, forwardedFor: [String]) -> ClientAddress? {
        guard let peer, trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
        var leftmost = peer
        for hop in hops.reversed() {
            guard let address = ClientAddress(hop) else { return peer }
            if !trusts(address) { return address }
            leftmost = address
        }
        return leftmost
    }

    /// The client address of `request` on a connection from `peer` (an IP address as the channel reports it).
    func clientAddress(peer: String?, headers: HTTPFields) -> ClientAddress? {
        clientAddress(peer: peer.flatMap { ClientAddress($0) }, forwardedFor: headers[values: Self.forwardedFor])
    }
}

/// A `--trusted-proxy` entry that is neither an IP address nor a CIDR network.
public struct InvalidTrustedProxy: Error, CustomStringConvertible {
    public var entry: String
    public var description: String { "--trusted-proxy \(entry) is not an IP address or a CIDR network (10.0.0.0/8)" }
}
