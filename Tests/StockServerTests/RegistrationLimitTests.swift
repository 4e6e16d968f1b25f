import Foundation
import Hummingbird
import HummingbirdTesting
import StockApp
import StockServer
import Testing

@Suite("Registration limits and the bounded bcrypt queue")
struct RegistrationLimitTests {
    @Test("rapid registrations from one address meet 429 with Retry-After; another address still registers")
    func perAddress() async throws {
        let directory = try TemporaryDirectory()
        var configuration = LoginRateLimitTests.behindProxy()
        configuration.accounts.registrationsPerAddress = 10
        let app = try await buildApplication(configuration, stores: .sqlite(path: directory.databasePath))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            var statuses: [HTTPResponse.Status] = []
            var refusal: Reply?
            for number in 1...15 {
                let reply = try await LiveHTTP.send(
                    .post, port: port, "/auth/register", json: credentials("flood\(number)", "correct horse"),
                    forwardedFor: "203.0.113.5")
                statuses.append(reply.status)
                if reply.status == .tooManyRequests, refusal == nil { refusal = reply }
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .created })
            #expect(statuses.dropFirst(10).allSatisfy { $0 == .tooManyRequests })
            let answer = try #require(refusal)
            let retryAfter = try #require(answer.headers[.retryAfter].flatMap { Int($0) })
            #expect((3000...3600).contains(retryAfter))
            #expect(try answer.errorMessage().contains("too many registrations"))
            let elsewhere = try await LiveHTTP.send(
                .post, port: port, "/auth/register", json: credentials("neighbour", "correct horse"),
                forwardedFor: "198.51.100.8")
            #expect(elsewhere.status == .created)
        }
    }

    @Test("a taken name counts against the address too (probing names is limited)")
    func conflictsCount() async throws {
        let directory = try TemporaryDirectory()
        var configuration = testConfiguration()
        configuration.accounts.registrationsPerAddress = 3
        let app = try await buildApplication(configuration, stores: .sqlite(path: directory.databasePath))
        try await app.test(.router) { client in
            try await client.register("quentin")
            for _ in 1...2 {
                #expect(try await client.send(.post, "/auth/register", json: credentials("quentin", "other password"))
                    .status == .conflict)
            }
            #expect(try await client.send(.post, "/auth/register", json: credentials("quentin", "other password"))
                .status == .tooManyRequests)
        }
    }

    @Test("with the bcrypt queue full: a taken name is 409 at once (no hash), a new one 503 with Retry-After",
          .timeLimit(.minutes(2)))
    func boundedQueue() async throws {
        let directory = try TemporaryDirectory()
        var configuration = testConfiguration()
        // One slot for registrations, hashes that take a while.
        configuration.accounts.maxPendingHashes = 2
        configuration.bcryptCost = 13
        let app = try await buildApplication(configuration, stores: .sqlite(path: directory.databasePath))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let first = try await LiveHTTP.send(.post, port: port, "/auth/register", json: credentials("rita", "correct horse"))
            #expect(first.status == .created)
            let replies = try await withThrowingTaskGroup(of: (Reply, Duration).self) { group in
                for number in 1...6 {
                    group.addTask {
                        let started = ContinuousClock.now
                        let reply = try await LiveHTTP.send(
                            .post, port: port, "/auth/register", json: credentials("sam\(number)", "correct horse"))
                        return (reply, ContinuousClock.now - started)
                    }
                }
                return try await group.reduce(into: [(Reply, Duration)]()) { $0.append($1) }
            }
            let busy = replies.filter { $0.0.status == .serviceUnavailable }
            let created = replies.filter { $0.0.status == .created }
            #expect(created.count >= 1)
            #expect(busy.count >= 1, "\(replies.map(\.0.status.code))")
            #expect(busy.count + created.count == 6)
            for (reply, _) in busy {
                #expect(reply.headers[.retryAfter] == "2")
                #expect(try reply.errorMessage().contains("busy"))
            }
            // Refused at once, not after the hashes before them.
            let slowestCreated = try #require(created.map(\.1).max())
            #expect(busy.allSatisfy { $0.1 < slowestCreated })

            // While a registration hashes, a taken name is answered without waiting for it.
            let hashing = Task {
                try await LiveHTTP.send(.post, port: port, "/auth/register", json: credentials("tom", "correct horse"))
            }
            try await Task.sleep(for: .milliseconds(50))
            let started = ContinuousClock.now
            let taken = try await LiveHTTP.send(
                .post, port: port, "/auth/register", json: credentials("RITA", "another password"))
            let answeredIn = ContinuousClock.now - started
            #expect(taken.status == .conflict)
            let tom = try await hashing.value
            #expect(tom.status == .created)
            #expect(answeredIn < slowestCreated, "a taken name waited \(answeredIn)")
        }
    }
}
