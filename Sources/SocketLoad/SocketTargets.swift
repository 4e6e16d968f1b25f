import ArgumentParser
import NIOCore

/// One server's socket endpoint, from a `ws://host:port/path` URL, resolved once.
struct ServerEndpoint: Sendable {
    var address: SocketAddress
    /// The `Host` header of the upgrade request.
    var host: String
    /// The request path, to which `?token=` is appended.
    var path: String

    init(url: String) throws {
        guard url.hasPrefix("ws://") else { throw ValidationError("--url \(url): only ws:// URLs are supported") }
        let rest = url.dropFirst("ws://".count)
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        let hostAndPort = authority.split(separator: ":", maxSplits: 1)
        guard let host = hostAndPort.first.map(String.init),
              let port = hostAndPort.count == 2 ? Int(hostAndPort[1]) : 80
        else { throw ValidationError("--url \(url): expected ws://HOST:PORT/PATH") }
        self.address = try SocketAddress.makeAddressResolvingHost(host, port: port)
        self.host = String(authority)
        self.path = path.isEmpty ? "/" : String(path)
    }
}

/// Which server and which local address the i-th socket of a process uses: both round-robin.
struct SocketTargets: Sendable {
    var servers: [ServerEndpoint]
    /// Local addresses to bind to before connecting; empty: let the kernel choose.
    var sourceAddresses: [SocketAddress]

    func server(forSocket index: Int) -> ServerEndpoint { servers[index % servers.count] }

    func sourceAddress(forSocket index: Int) -> SocketAddress? {
        sourceAddresses.isEmpty ? nil : sourceAddresses[index % sourceAddresses.count]
    }

    /// The local addresses of `--source-addresses 127.0.0.1,127.0.0.2` or `--source-address-count N`
    /// (127.0.0.1 ... 127.0.0.N), port 0 (the kernel picks the port at connect).
    static func sourceAddresses(list: String?, count: Int?) throws -> [SocketAddress] {
        if list != nil, count != nil {
            throw ValidationError("give --source-addresses or --source-address-count, not both")
        }
        let names: [String] =
            if let list { list.split(separator: ",").map(String.init) }
            else if let count { (1...max(count, 1)).map { "127.0.0.\($0)" } }
            else { [] }
        guard names.count <= 254 else { throw ValidationError("at most 254 source addresses") }
        return try names.map { try SocketAddress(ipAddress: $0, port: 0) }
    }
}
