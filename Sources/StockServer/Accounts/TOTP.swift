import Crypto
import Foundation

/// Time-based one-time passwords as RFC 6238 defines them and authenticator apps use them: HMAC-SHA-1, 30-second
/// steps, 6 digits, a code accepted one step early or late for clock drift.
///
/// Written on swift-crypto rather than `HummingbirdOTP`, whose secrets are UTF-8 strings: here a secret is 160
/// random bits, as RFC 4226 recommends.
enum TOTP {
    static let period: Int64 = 30
    static let digits = 6
    /// How many steps before or after the current one a code may come from.
    static let allowedDrift: Int64 = 1

    /// A new random secret of 20 bytes.
    static func generateSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The time step `time` falls in.
    static func step(at time: Date) -> Int64 {
        Int64((time.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    /// The code for a time step, zero-padded to `digits` digits.
    static func code(secret: [UInt8], step: Int64, digits: Int = digits) -> String {
        let message = withUnsafeBytes(of: UInt64(step).bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let truncated = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(truncated % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The step within the allowed drift of `time` whose code is `code`, latest first; nil when none matches.
    static func matchingStep(for code: String, secret: [UInt8], at time: Date) -> Int64? {
        let submitted = code.filter { !$0.isWhitespace }
        guard submitted.count == digits, submitted.allSatisfy(\.isASCII), submitted.allSatisfy(\.isNumber) else {
            return nil
        }
        let current = step(at: time)
        return stride(from: current + allowedDrift, through: current - allowedDrift, by: -1).first { step in
            constantTimeEqual(Self.code(secret: secret, step: step), submitted)
        }
    }

    /// The `otpauth://` URI authenticator apps read (usually from a QR code).
    static func provisioningURI(secret: [UInt8], username: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let label = "StockTracker:" + (username.addingPercentEncoding(withAllowedCharacters: allowed) ?? username)
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=StockTracker"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
