import Foundation
import HummingbirdTesting
import StockApp
import StockClient
@testable import StockServer
import Testing

/// The client library against the real service, started in this process on a free port with a fresh database.
@Suite("StockClient against the service")
struct ClientAgainstServerTests {
    private func withServer(_ body: @Sendable (StockClient) async throws -> Void) async throws {
        try await LocalServer.run(body)
    }

    @Test("register, log in, search, add, live prices, remove, log out", .timeLimit(.minutes(1)))
    func wholeContract() async throws {
        try await withServer { anonymous in
            let user = try await anonymous.register(username: "alice", password: "correct horse 1")
            #expect(user.username == "alice")
            await #expect(throws: StockClientError.self) {
                try await anonymous.register(username: "alice", password: "correct horse 1")
            }
            do throws(StockClientError) {
                _ = try await anonymous.login(username: "alice", password: "wrong password")
                Issue.record("a wrong password logged in")
            } catch {
                #expect(error == .unauthorized(message: "wrong username or password"))
            }

            let session = try await anonymous.login(username: "alice", password: "correct horse 1")
            #expect(session.user == user)
            var client = anonymous
            client.token = session.token

            let results = try await client.search(query: "appl", limit: 5)
            let apple = try #require(results.first { $0.ticker == "AAPL" })
            #expect(apple.match.map { !$0.ranges.isEmpty } == true)

            try await client.add(id: apple.id)
            try await client.add(id: apple.id)
            #expect(try await client.watchlist().map(\.ticker) == ["AAPL"])

            var priced: PriceMessage?
            for try await message in client.priceMessages() where message.prices["AAPL"] != nil {
                priced = message
                break
            }
            #expect(priced?.prices["AAPL"].map { $0.tenThousandths > 0 } == true)

            // The sparkline's history: the ticks published so far, oldest first, exact prices; an unknown id is 404.
            var history = [HistoryPoint]()
            for _ in 0..<100 where history.isEmpty {
                history = try await client.history(id: apple.id)
                if history.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(!history.isEmpty && history.count <= 400)
            #expect(history.allSatisfy { $0.price.tenThousandths > 0 })
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.time < $1.time })
            await #expect(throws: StockClientError.self) { try await client.history(id: 987_654_321) }

            try await client.remove(id: apple.id)
            #expect(try await client.watchlist().isEmpty)
            do throws(StockClientError) {
                try await client.remove(id: 987_654_321)
                Issue.record("removing an unknown security worked")
            } catch {
                #expect(error.status == 404)
            }

            try await client.logout()
            do throws(StockClientError) {
                _ = try await client.watchlist()
                Issue.record("a revoked token still worked")
            } catch {
                guard case .unauthorized = error else { throw error }
            }
        }
    }

    @Test("logging out ends the open price stream as unauthorized (close code 4401)", .timeLimit(.minutes(1)))
    func logoutEndsTheStream() async throws {
        try await withServer { anonymous in
            try await anonymous.register(username: "bea", password: "correct horse 1")
            var client = anonymous
            client.token = try await anonymous.login(username: "bea", password: "correct horse 1").token
            let (opened, open) = AsyncStream<Void>.makeStream()
            let stream = Task { [client] in
                for try await _ in client.priceMessages(onOpen: { open.yield() }) {}
            }
            for await _ in opened { break }
            try await client.logout()
            do {
                try await stream.value
                Issue.record("the stream ended without an error")
            } catch StockClientError.unauthorized(let message) {
                #expect(message.contains("revoked"))
            }
        }
    }

    @Test("TOTP through the client: set-up needs the password, login then asks for the code (totp_required)")
    func totp() async throws {
        try await withServer { anonymous in
            try await anonymous.register(username: "cleo", password: "correct horse 1")
            var client = anonymous
            client.token = try await anonymous.login(username: "cleo", password: "correct horse 1").token
            do throws(StockClientError) {
                _ = try await client.setUpTOTP(password: "wrong password")
                Issue.record("set-up worked with a wrong password")
            } catch {
                #expect(error.status == 403)
            }
            let setup = try await client.setUpTOTP(password: "correct horse 1")
            let secret = try #require(Base32.decode(setup.secret))
            let step = TOTP.step(at: Date())
            try await client.confirmTOTP(code: TOTP.code(secret: secret, step: step - 1))
            do throws(StockClientError) {
                _ = try await anonymous.login(username: "cleo", password: "correct horse 1")
                Issue.record("login worked without the code")
            } catch {
                guard case .totpRequired = error else { throw error }
            }
            _ = try await anonymous.login(username: "cleo", password: "correct horse 1", totp: TOTP.code(secret: secret, step: step))
            try await client.disableTOTP(password: "correct horse 1", code: TOTP.code(secret: secret, step: step + 1))
            _ = try await anonymous.login(username: "cleo", password: "correct horse 1")
        }
    }

    @Test("the price socket refuses a bad token; a closed port is unreachable at once")
    func failures() async throws {
        try await withServer { anonymous in
            var client = anonymous
            client.token = "not-a-token"
            await #expect(throws: StockClientError.self) {
                for try await _ in client.priceMessages() {}
            }
        }
        let start = ContinuousClock.now
        do throws(StockClientError) {
            _ = try await StockClient(server: URL(string: "http://127.0.0.1:9")!).search(query: "a")
            Issue.record("port 9 answered")
        } catch {
            guard case .unreachable = error else { throw error }
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
