import Foundation
import PostgresNIO

/// Where a PostgreSQL server is and how to log in, read from a connection URL such as
/// `postgres://user:password@127.0.0.1:5432/stocktracker?sslmode=disable` (the libpq form; `postgresql://` too).
/// A `host` query item naming a directory connects through that directory's Unix socket.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var unixSocketDirectory: String?
    public var username: String
    public var password: String?
    public var database: String
    /// `disable`, `prefer` (the default) or `require`.
    public var sslMode: String

    /// Parses `text`; throws `PostgresURLError` for anything that is not a PostgreSQL URL.
    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme)
        else { throw PostgresURLError(url: text, reason: "expected postgres://user:password@host:port/database") }
        let items = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = components.port ?? 5432
        unixSocketDirectory = items["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? username : (path.removingPercentEncoding ?? path)
        sslMode = items["sslmode"] ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw PostgresURLError(url: text, reason: "unknown sslmode \(sslMode)")
        }
    }

    /// The same server and login with another database (tests create one per case).
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL again, password and `sslmode` included: what `--postgres` takes.
    public var urlString: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        components.queryItems = [URLQueryItem(name: "sslmode", value: sslMode)]
            + (unixSocketDirectory.map { [URLQueryItem(name: "host", value: $0)] } ?? [])
        return components.string ?? description
    }

    /// The URL again, without the password.
    public var description: String {
        let address = unixSocketDirectory.map { "\(host)?host=\($0)" } ?? "\(host):\(port)"
        return "postgres://\(username)@\(address)/\(database)"
    }

    /// The configuration of the pooled client.
    public var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let directory = unixSocketDirectory {
            configuration = .init(
                unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: username, password: password,
                database: database)
        } else {
            configuration = .init(
                host: host, port: port, username: username, password: password, database: database,
                tls: clientTLS)
        }
        return configuration
    }

    /// The configuration of a single connection held outside the pool (leadership, notifications).
    public var connectionConfiguration: PostgresConnection.Configuration {
        get throws {
            if let directory = unixSocketDirectory {
                return .init(
                    unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: username, password: password,
                    database: database)
            }
            let tls: PostgresConnection.Configuration.TLS
            switch sslMode {
            case "disable", "allow": tls = .disable
            case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            return .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch sslMode {
        case "disable", "allow": .disable
        case "prefer": .prefer(.makeClientConfiguration())
        default: .require(.makeClientConfiguration())
        }
    }
}

/// A connection URL that could not be read.
public struct PostgresURLError: Error, CustomStringConvertible {
    public var url: String
    public var reason: String
    public var description: String { "not a PostgreSQL URL (\(reason))" }
}
