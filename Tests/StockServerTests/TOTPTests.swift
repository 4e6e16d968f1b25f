import Foundation
import Hummingbird
import HummingbirdTesting
import StockApp
@testable import StockServer
import Testing

@Suite("TOTP")
struct TOTPTests {
    /// RFC 6238 appendix B, SHA-1: the 8-digit codes for the secret "12345678901234567890".
    @Test(
        "codes match RFC 6238's SHA-1 test vectors",
        arguments: [
            (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ] as [(Int64, String)])
    func rfcVectors(time: Int64, expected: String) {
        let secret = Array("12345678901234567890".utf8)
        let step = TOTP.step(at: Date(timeIntervalSince1970: TimeInterval(time)))
        #expect(TOTP.code(secret: secret, step: step, digits: 8) == expected)
        #expect(TOTP.code(secret: secret, step: step) == String(expected.suffix(6)))
        let date = Date(timeIntervalSince1970: TimeInterval(time))
        #expect(TOTP.matchingStep(for: String(expected.suffix(6)), secret: secret, at: date) == step)
        #expect(TOTP.matchingStep(for: String(expected.suffix(6)), secret: secret, at: date + 30) == step)
        #expect(TOTP.matchingStep(for: String(expected.suffix(6)), secret: secret, at: date + 90) == nil)
    }

    @Test("base32 round-trips and matches RFC 4648's examples")
    func base32() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode(Array("fo".utf8)) == "MZXQ")
        #expect(Base32.decode("mzxw6ytboi") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW6YTBOI======") == Array("foobar".utf8))
        #expect(Base32.decode("not base32!") == nil)
        let secret = TOTP.generateSecret()
        #expect(secret.count == 20)
        #expect(Base32.decode(Base32.encode(secret)) == secret)
    }

    @Test("set up, confirm, then login needs a code; a code is never accepted twice")
    func setUpConfirmAndLogin() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("ivan")
            let token = try await client.login("ivan")

            #expect(try await client.send(.post, "/auth/totp/setup", json: #"{"password": "correct horse"}"#).status
                == .unauthorized)
            let setup = try await client.send(.post, "/auth/totp/setup", token: token, json: #"{"password": "correct horse"}"#)
            #expect(setup.status == .ok)
            let encoded = try #require(try setup.object()["secret"] as? String)
            let uri = try #require(try setup.object()["otpauth_uri"] as? String)
            #expect(
                uri == "otpauth://totp/StockTracker:ivan?secret=\(encoded)&issuer=StockTracker"
                    + "&algorithm=SHA1&digits=6&period=30")
            let secret = try #require(Base32.decode(encoded))

            // Not yet confirmed: login still works without a code.
            _ = try await client.login("ivan")

            let step = TOTP.step(at: Date())
            let wrongCode = TOTP.code(secret: secret, step: step + 5)
            let wrong = try await client.send(.post, "/auth/totp/confirm", token: token, json: #"{"code": "\#(wrongCode)"}"#)
            #expect(wrong.status == .badRequest)
            let code = TOTP.code(secret: secret, step: step)
            let confirm = try await client.send(.post, "/auth/totp/confirm", token: token, json: #"{"code": "\#(code)"}"#)
            #expect(confirm.status == .ok)
            #expect(try confirm.object()["totp_enabled"] as? Bool == true)

            let withoutCode = try await client.send(.post, "/auth/login", json: credentials("ivan", "correct horse"))
            #expect(withoutCode.status == .unauthorized)
            #expect(try withoutCode.errorMessage().contains("TOTP code is required"))
            #expect(try withoutCode.object()["totp_required"] as? Bool == true)

            let withWrongCode = try await client.send(
                .post, "/auth/login", json: credentials("ivan", "correct horse", wrongCode))
            #expect(withWrongCode.status == .unauthorized)
            #expect(try withWrongCode.errorMessage().contains("TOTP code is required"))
            #expect(try withWrongCode.object()["totp_required"] as? Bool == true)

            // The confirming code was used: replaying it is refused.
            let replayed = try await client.send(.post, "/auth/login", json: credentials("ivan", "correct horse", code))
            #expect(replayed.status == .unauthorized)

            let nextCode = TOTP.code(secret: secret, step: step + 1)
            let newToken = try await client.login("ivan", totp: nextCode)
            #expect(try await client.send(.get, "/user/security", token: newToken).status == .ok)
            let replayedAgain = try await client.send(
                .post, "/auth/login", json: credentials("ivan", "correct horse", nextCode))
            #expect(replayedAgain.status == .unauthorized)

            // A code with the wrong password still fails as a wrong password, and says nothing of TOTP.
            let badPassword = try await client.send(.post, "/auth/login", json: credentials("ivan", "wrong horse", nextCode))
            #expect(try badPassword.errorMessage() == "wrong username or password")
            #expect(try badPassword.object()["totp_required"] == nil)

            // Once on, it cannot be set up again.
            #expect(try await client.send(
                .post, "/auth/totp/setup", token: newToken, json: #"{"password": "correct horse"}"#).status == .conflict)
        }
    }

    @Test("set-up refuses a missing or wrong password: a token alone cannot enrol a secret")
    func setUpNeedsThePassword() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("mike")
            let token = try await client.login("mike")
            let noBody = try await client.send(.post, "/auth/totp/setup", token: token)
            #expect(noBody.status == .badRequest)
            let missing = try await client.send(.post, "/auth/totp/setup", token: token, json: "{}")
            #expect(missing.status == .badRequest)
            #expect(try missing.errorMessage().contains(#""password""#))
            let wrong = try await client.send(.post, "/auth/totp/setup", token: token, json: #"{"password": "guess guess"}"#)
            #expect(wrong.status == .forbidden)
            #expect(try wrong.errorMessage() == "the password is wrong")
            // Nothing was enrolled: confirming has no secret to check against.
            let confirm = try await client.send(.post, "/auth/totp/confirm", token: token, json: #"{"code": "123456"}"#)
            #expect(confirm.status == .conflict)
            // Wrong passwords here count as failed logins: the name locks after 5.
            for _ in 2...5 {
                _ = try await client.send(.post, "/auth/totp/setup", token: token, json: #"{"password": "guess guess"}"#)
            }
            let locked = try await client.send(.post, "/auth/totp/setup", token: token, json: #"{"password": "correct horse"}"#)
            #expect(locked.status == .tooManyRequests)
        }
    }

    @Test("disable needs the password and a current code; then login needs the password only")
    func disable() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("nina")
            let token = try await client.login("nina")
            let notOn = try await client.send(
                .post, "/auth/totp/disable", token: token, json: #"{"password": "correct horse", "code": "123456"}"#)
            #expect(notOn.status == .conflict)
            let setup = try await client.send(.post, "/auth/totp/setup", token: token, json: #"{"password": "correct horse"}"#)
            let encoded = try #require(try setup.object()["secret"] as? String)
            let secret = try #require(Base32.decode(encoded))
            let step = TOTP.step(at: Date())
            let confirm = try await client.send(
                .post, "/auth/totp/confirm", token: token, json: #"{"code": "\#(TOTP.code(secret: secret, step: step - 1))"}"#)
            #expect(confirm.status == .ok)

            let code = TOTP.code(secret: secret, step: step)
            let missingCode = try await client.send(.post, "/auth/totp/disable", token: token, json: #"{"password": "correct horse"}"#)
            #expect(missingCode.status == .badRequest)
            let missingPassword = try await client.send(.post, "/auth/totp/disable", token: token, json: #"{"code": "\#(code)"}"#)
            #expect(missingPassword.status == .badRequest)
            let wrongPassword = try await client.send(
                .post, "/auth/totp/disable", token: token, json: #"{"password": "guess guess", "code": "\#(code)"}"#)
            #expect(wrongPassword.status == .forbidden)
            #expect(try wrongPassword.errorMessage() == "the password is wrong")
            let wrongCode = try await client.send(
                .post, "/auth/totp/disable", token: token,
                json: #"{"password": "correct horse", "code": "\#(TOTP.code(secret: secret, step: step + 5))"}"#)
            #expect(wrongCode.status == .forbidden)
            #expect(try await client.send(.post, "/auth/login", json: credentials("nina", "correct horse")).status
                == .unauthorized)

            let disabled = try await client.send(
                .post, "/auth/totp/disable", token: token, json: #"{"password": "correct horse", "code": "\#(code)"}"#)
            #expect(disabled.status == .ok)
            #expect(try disabled.object()["totp_enabled"] as? Bool == false)
            _ = try await client.login("nina")
        }
    }

    @Test("confirming before set-up is a 409")
    func confirmWithoutSetUp() async throws {
        let directory = try TemporaryDirectory()
        let app = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("judy")
            let token = try await client.login("judy")
            let reply = try await client.send(.post, "/auth/totp/confirm", token: token, json: #"{"code": "123456"}"#)
            #expect(reply.status == .conflict)
            #expect(try reply.errorMessage().contains("setup"))
        }
    }
}
