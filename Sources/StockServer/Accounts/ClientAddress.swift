import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address, as the per-address limits count it.
struct ClientAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4 (also for an IPv4-mapped IPv6 address, `::ffff:192.0.2.1`), else 16.
    let bytes: [UInt8]

    /// Reads `192.0.2.1`, `2001:db8::1`, `fe80::1%eth0` (the zone is dropped), also with a port as some proxies
    /// write them (`192.0.2.1:443`, `[2001:db8::1]:443`); nil for anything else, host names included.
    init?(_ text: some StringProtocol) {
        var text = String(text).trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        } else if text.contains("."), let colon = text.firstIndex(of: ":"), !text[colon...].dropFirst().contains(":") {
            text = String(text[..<colon])
        }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let all = withUnsafeBytes(of: &v6) { Array($0) }
        bytes = all.starts(with: Self.ipv4MappedPrefix) ? Array(all.suffix(4)) : all
    }

    init(bytes: [UInt8]) {
        precondition(bytes.count == 4 || bytes.count == 16, "an address has 4 or 16 bytes")
        self.bytes = bytes
    }

    var isIPv4: Bool { bytes.count == 4 }

    /// What the per-address limits count under: the address itself for IPv4, its /64 network for IPv6 (one
    /// subscriber usually holds a whole /64, so counting single IPv6 addresses would count nothing).
    var limitKey: String {
        isIPv4 ? description : ClientAddress(bytes: Array(bytes.prefix(8)) + Array(repeating: 0, count: 8)).description + "/64"
    }

    var description: String {
        var copy = bytes
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv4 ? AF_INET : AF_INET6
        guard inet_ntop(family, &copy, &text, socklen_t(text.count)) != nil else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static let ipv4MappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
}

/// A network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`; a bare address is a network of one).
struct AddressRange: Hashable, Sendable, CustomStringConvertible {
    let network: ClientAddress
    let prefixLength: Int

    /// Reads `ADDRESS[/PREFIX]`; nil when the address does not parse or the prefix is out of range.
    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = ClientAddress(parts[0]) else { return nil }
        // A mapped IPv4 network (`::ffff:10.0.0.0/104`) is written in IPv6 bits and kept in IPv4 ones.
        let mapped = address.isIPv4 && parts[0].contains(":")
        let bits = mapped ? 128 : address.bytes.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...bits).contains(parsed) else { return nil }
            prefix = parsed
        }
        if mapped { prefix -= 96 }
        guard prefix >= 0 else { return nil }
        network = Self.masked(address, prefix)
        prefixLength = prefix
    }

    func contains(_ address: ClientAddress) -> Bool {
        address.bytes.count == network.bytes.count && Self.masked(address, prefixLength) == network
    }

    var description: String { "\(network)/\(prefixLength)" }

    private static func masked(_ address: ClientAddress, _ prefix: Int) -> ClientAddress {
        let bytes = address.bytes.enumerated().map { index, byte -> UInt8 in
            let kept = min(max(prefix - index * 8, 0), 8)
            return kept == 8 ? byte : byte & ~(0xFF >> UInt8(kept))
        }
        return ClientAddress(bytes: bytes)
    }
}
