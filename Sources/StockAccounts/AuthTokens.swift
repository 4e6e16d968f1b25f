import Crypto
import Foundation

/// Bearer tokens: 256 random bits from the system's cryptographic generator, handed to the client once and
/// stored only as their SHA-256 hash.
public enum AuthTokens {
    /// A new token, base64url-encoded without padding (43 characters).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 hash under which a token is stored.
    public static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }
}
