import Foundation
import Hummingbird
import HummingbirdTesting
import StockApp
import StockServer
import Testing

@Suite("Restart")
struct RestartTests {
    @Test("reopening the same database keeps users, tokens, revocations and lists")
    func reopen() async throws {
        let directory = try TemporaryDirectory()
        let ids = try await addTestSecurities(3, to: .sqlite(path: directory.databasePath))
        let firstRun = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        let (kept, revoked) = try await firstRun.test(.router) { client in
            try await client.register("alice")
            let kept = try await client.login("alice")
            let revoked = try await client.login("alice")
            #expect(try await client.send(.post, "/auth/logout", token: revoked).status == .noContent)
            for id in [ids[2], ids[0]] {
                #expect(try await client.send(.post, "/user/security", token: kept, json: #"{"id": \#(id)}"#).status
                    == .created)
            }
            return (kept, revoked)
        }

        let secondRun = try await buildApplication(testConfiguration(), stores: .sqlite(path: directory.databasePath))
        try await secondRun.test(.router) { client in
            #expect(try await client.send(.get, "/user/security", token: kept).securityIDs() == [ids[2], ids[0]])
            #expect(try await client.send(.get, "/user/security", token: revoked).status == .unauthorized)
            let token = try await client.login("alice")
            #expect(try await client.send(.get, "/user/security", token: token).securityIDs() == [ids[2], ids[0]])
            let taken = try await client.send(.post, "/auth/register", json: credentials("ALICE", "another password"))
            #expect(taken.status == .conflict)
        }
    }
}
