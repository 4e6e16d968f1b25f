import Foundation
@testable import StockServer
import Testing

@Suite("Client addresses, networks and trusted proxies")
struct ClientAddressTests {
    @Test("addresses parse in their usual spellings; anything else does not")
    func parsing() {
        #expect(ClientAddress("192.0.2.1")?.description == "192.0.2.1")
        #expect(ClientAddress(" 192.0.2.1:443 ")?.description == "192.0.2.1")
        #expect(ClientAddress("2001:DB8::1")?.description == "2001:db8::1")
        #expect(ClientAddress("[2001:db8::1]:443")?.description == "2001:db8::1")
        #expect(ClientAddress("fe80::1%eth0")?.description == "fe80::1")
        #expect(ClientAddress("::ffff:192.0.2.1") == ClientAddress("192.0.2.1"))
        for bad in ["", "example.com", "192.0.2", "192.0.2.256", "1::2::3", "unknown", "_hidden"] {
            #expect(ClientAddress(bad) == nil, "\(bad)")
        }
    }

    @Test("IPv4 addresses count alone, IPv6 ones by their /64")
    func limitKeys() {
        #expect(ClientAddress("192.0.2.1")?.limitKey == "192.0.2.1")
        #expect(ClientAddress("2001:db8:1:2:aaaa::1")?.limitKey == "2001:db8:1:2::/64")
        #expect(ClientAddress("2001:db8:1:2:ffff:ffff:ffff:ffff")?.limitKey == "2001:db8:1:2::/64")
        #expect(ClientAddress("2001:db8:1:3::1")?.limitKey == "2001:db8:1:3::/64")
    }

    @Test("CIDR networks contain what they should")
    func ranges() throws {
        let private10 = try #require(AddressRange("10.0.0.0/8"))
        #expect(private10.contains(try #require(ClientAddress("10.200.3.4"))))
        #expect(!private10.contains(try #require(ClientAddress("11.0.0.1"))))
        #expect(!private10.contains(try #require(ClientAddress("::a00:1"))))
        let odd = try #require(AddressRange("192.0.2.64/26"))
        #expect(odd.description == "192.0.2.64/26")
        #expect(odd.contains(try #require(ClientAddress("192.0.2.127"))))
        #expect(!odd.contains(try #require(ClientAddress("192.0.2.128"))))
        for (range, address) in [("2001:db8::/32", "2001:db8:ffff::1"), ("::ffff:10.0.0.0/104", "10.9.9.9"),
                                 ("127.0.0.1", "127.0.0.1")] {
            let network = try #require(AddressRange(range))
            #expect(network.contains(try #require(ClientAddress(address))), "\(range) \(address)")
        }
        for bad in ["10.0.0.0/33", "10.0.0.0/-1", "2001:db8::/129", "::ffff:10.0.0.0/95", "nginx", "10.0.0.0/"] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
    }

    @Test("X-Forwarded-For counts only from a trusted peer, and only its rightmost untrusted hop")
    func forwardedFor() throws {
        let proxies = try TrustedProxies(cidrs: ["10.0.0.0/8", "127.0.0.1"])
        let proxy = ClientAddress("10.1.1.1")
        let client = { (peer: ClientAddress?, header: [String]) in
            proxies.clientAddress(peer: peer, forwardedFor: header)?.description
        }
        #expect(client(ClientAddress("203.0.113.9"), ["198.51.100.1"]) == "203.0.113.9")
        #expect(client(proxy, ["198.51.100.1"]) == "198.51.100.1")
        // The client wrote a forged entry first; the proxy appended the real one.
        #expect(client(proxy, ["6.6.6.6, 198.51.100.1"]) == "198.51.100.1")
        // Two proxies of ours in a row; the header may come as several fields.
        #expect(client(proxy, ["6.6.6.6", "198.51.100.1, 10.2.2.2"]) == "198.51.100.1")
        #expect(client(proxy, ["10.3.3.3, 10.2.2.2"]) == "10.3.3.3")
        #expect(client(proxy, []) == "10.1.1.1")
        #expect(client(proxy, ["198.51.100.1, garbage"]) == "10.1.1.1")
        #expect(client(nil, ["198.51.100.1"]) == nil)
        #expect(try TrustedProxies(cidrs: []).clientAddress(peer: proxy, forwardedFor: ["198.51.100.1"]) == proxy)
        #expect(throws: InvalidTrustedProxy.self) { try TrustedProxies(cidrs: ["10.0.0.0/8", "proxy.local"]) }
    }
}
