import ArgumentParser
import Foundation
import StockClient
import StockTerminal

/// `stocktracker watch`: the terminal client.
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The terminal client: log in, search, and watch live prices.",
        discussion: """
            The login is kept in $XDG_CONFIG_HOME/stocktracker/ (or ~/.config/stocktracker/), one file per \
            server, readable by you only; --logout forgets it and revokes it on the server.
            """)

    @Option(help: "The service's URL (env STOCKTRACKER_SERVER).")
    var server: String = Settings.environment.string(forKey: "server", default: "http://127.0.0.1:8080")

    @Flag(help: "Forget the login kept for this server (revoking it on the server when reachable), then exit.")
    var logout = false

    @Flag(help: "Turn on TOTP for the kept login: asks for the password, shows the secret, asks for a code, exits.")
    var totpSetup = false

    @Flag(help: "Turn off TOTP for the kept login: asks for the password and a current code, then exits.")
    var totpDisable = false

    func validate() throws {
        guard serverURL != nil else { throw ValidationError("--server must be an http:// or https:// URL") }
        guard [logout, totpSetup, totpDisable].filter({ $0 }).count <= 1 else {
            throw ValidationError("--logout, --totp-setup and --totp-disable go one at a time")
        }
    }

    private var serverURL: URL? {
        guard let url = URL(string: server), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host != nil
        else { return nil }
        return url
    }

    func run() async throws {
        guard let url = serverURL else { return }
        let tokens = TokenStore(directory: TokenStore.defaultDirectory())
        if logout {
            try await forgetLogin(server: url, tokens: tokens)
            return
        }
        if totpSetup || totpDisable {
            guard let stored = tokens.load(server: url) else {
                throw CommandFailure("not logged in to \(url.absoluteString): run `stocktracker watch` first")
            }
            let change = TOTPChange(server: url, login: stored)
            if totpSetup { try await change.setUp() } else { try await change.disable() }
            return
        }
        do {
            try await WatchSession(server: url, tokens: tokens).run()
        } catch let error as TerminalError {
            throw CommandFailure(error.description)
        }
    }

    private func forgetLogin(server: URL, tokens: TokenStore) async throws {
        guard let stored = tokens.load(server: server) else {
            print("Not logged in to \(server.absoluteString).")
            return
        }
        do throws(StockClientError) {
            try await StockClient(server: server, token: stored.token, timeout: .seconds(5)).logout()
            print("Logged out \(stored.username) from \(server.absoluteString); the token is revoked.")
        } catch StockClientError.unauthorized {
            print("Logged out \(stored.username) from \(server.absoluteString) (the token had already expired).")
        } catch {
            print("Forgot the login of \(stored.username); the server could not revoke it: \(error.message)")
        }
        tokens.delete(server: server)
    }
}
