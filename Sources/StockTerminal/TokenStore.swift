import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A login kept between runs: one file per server URL, readable by the user only (mode 0600, in a 0700
/// directory), so that the next start skips the login screen.
public struct StoredLogin: Codable, Sendable, Equatable {
    public var server: String
    public var username: String
    public var token: String
    public var expiresAt: String?

    public init(server: String, username: String, token: String, expiresAt: String?) {
        self.server = server
        self.username = username
        self.token = token
        self.expiresAt = expiresAt
    }
}

/// Where logins are kept: `$XDG_CONFIG_HOME/stocktracker/` or `~/.config/stocktracker/`.
public struct TokenStore: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The directory the XDG Base Directory specification names for this user's configuration.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return URL(fileURLWithPath: config).appendingPathComponent("stocktracker")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".config/stocktracker")
    }

    /// The file for one server: `login-` and the URL with everything but letters, digits, `.` and `-` as `_`.
    public func file(for server: URL) -> URL {
        let key = server.absoluteString.trimmingSuffix("/").unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "-")
                ? String(scalar) : "_"
        }.joined()
        return directory.appendingPathComponent("login-\(key).json")
    }

    /// The login kept for `server`, if any (an unreadable file counts as none).
    public func load(server: URL) -> StoredLogin? {
        guard let data = try? Data(contentsOf: file(for: server)) else { return nil }
        return try? JSONDecoder().decode(StoredLogin.self, from: data)
    }

    /// Keeps `login` for `server`: written to a 0600 temporary file, then renamed over the old one.
    public func save(_ login: StoredLogin, server: URL) throws {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let target = file(for: server)
        let temporary = target.path + ".tmp"
        let data = try JSONEncoder().encode(login)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        defer { close(descriptor) }
        fchmod(descriptor, 0o600)
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
        guard written == data.count, rename(temporary, target.path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Forgets the login for `server`.
    public func delete(server: URL) {
        try? FileManager.default.removeItem(at: file(for: server))
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
