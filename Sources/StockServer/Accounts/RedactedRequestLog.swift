import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// Logs every request as Hummingbird's `LogRequestsMiddleware` does (method and path, at `level`), except that a
/// login token never reaches the log: the value of a `token` query parameter (`/ws/watchlist?token=...`) is
/// written as `***`. No header is logged, so neither is `Authorization`.
struct RedactedRequestLog: RouterMiddleware {
    typealias Context = AppRequestContext
    let level: Logger.Level

    init(_ level: Logger.Level) {
        self.level = level
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        context.logger.log(
            level: level, "Request",
            metadata: [
                "hb.request.path": .string(Self.redacted(request.uri)),
                "hb.request.method": .string(request.method.rawValue),
            ])
        return try await next(request, context)
    }

    /// The path and query of `uri` as the log writes them: a `token` parameter's value is `***`.
    static func redacted(_ uri: URI) -> String {
        path(uri, token: "***")
    }

    /// The path and query of `uri` without its `token` parameters.
    static func withoutToken(_ uri: URI) -> String {
        path(uri, token: nil)
    }

    /// The path and query of `uri`, with each `token` parameter's value replaced by `token` (dropped when nil).
    private static func path(_ uri: URI, token replacement: String?) -> String {
        guard let query = uri.query, !query.isEmpty else { return uri.path }
        let parameters = query.split(separator: "&", omittingEmptySubsequences: false).compactMap { parameter in
            let name = parameter.prefix { $0 != "=" }
            guard (String(name).removingPercentEncoding ?? String(name)) == "token" else { return String(parameter) }
            return replacement.map { "\(name)=\($0)" }
        }
        return parameters.isEmpty ? uri.path : uri.path + "?" + parameters.joined(separator: "&")
    }
}
