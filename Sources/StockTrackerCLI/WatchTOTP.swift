import Foundation
import StockClient
import StockTerminal

/// `watch --totp-setup` and `watch --totp-disable`: the second factor of the login kept for a server. Both ask
/// for the account's password on the terminal (never echoed), as the server requires, then for a code from the
/// authenticator app.
struct TOTPChange {
    let server: URL
    let login: StoredLogin

    private var client: StockClient { StockClient(server: server, token: login.token, timeout: .seconds(10)) }

    /// Set-up: the password, then the secret to add to the app, then a code from it to confirm.
    func setUp() async throws {
        let password = try ask("Password of \(login.username): ", hidden: true)
        let setup = try await call { try await client.setUpTOTP(password: password) }
        print("Add this secret to your authenticator app: \(setup.secret)")
        print("(or the link a QR code would carry: \(setup.otpauthURI))")
        let code = try ask("The 6-digit code your app shows now: ")
        try await call { try await client.confirmTOTP(code: code) }
        print("TOTP is on for \(login.username): logging in now also needs a code from the app.")
    }

    /// Disabling: the password and a current code.
    func disable() async throws {
        let password = try ask("Password of \(login.username): ", hidden: true)
        let code = try ask("The 6-digit code your app shows now: ")
        try await call { try await client.disableTOTP(password: password, code: code) }
        print("TOTP is off for \(login.username): logging in needs the password only.")
    }

    private func ask(_ prompt: String, hidden: Bool = false) throws -> String {
        guard let answer = LinePrompt.read(prompt, hidden: hidden), !answer.isEmpty else {
            throw CommandFailure("nothing was typed: TOTP is unchanged")
        }
        return answer
    }

    /// Runs a call, turning its error into the command's message.
    private func call<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch StockClientError.unauthorized {
            throw CommandFailure(
                "the kept login of \(login.username) is no longer valid: run `stocktracker watch` to log in again")
        } catch let error as StockClientError {
            throw CommandFailure("\(error.message): TOTP is unchanged")
        }
    }
}
