import Foundation
import StockTerminal
import Testing

@Suite("Keeping the login between runs")
struct TokenStoreTests {
    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)")
    }

    @Test("saved with mode 0600 in a 0700 directory, one file per server, and forgotten")
    func roundTrip() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = TokenStore(directory: directory.appendingPathComponent("stocktracker"))
        let local = URL(string: "http://127.0.0.1:8080")!
        let other = URL(string: "https://stocks.example")!
        let login = StoredLogin(server: local.absoluteString, username: "alice", token: "t0k3n", expiresAt: nil)
        try store.save(login, server: local)
        #expect(store.load(server: local) == login)
        #expect(store.load(server: other) == nil)
        #expect(store.load(server: URL(string: "http://127.0.0.1:8080/")!) == login)

        let file = store.file(for: local)
        #expect(file.lastPathComponent == "login-http___127.0.0.1_8080.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let directoryAttributes = try FileManager.default.attributesOfItem(atPath: store.directory.path)
        #expect((directoryAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)

        store.delete(server: local)
        #expect(store.load(server: local) == nil)
    }

    @Test("the directory follows XDG_CONFIG_HOME, else ~/.config")
    func directory() {
        #expect(TokenStore.defaultDirectory(environment: ["XDG_CONFIG_HOME": "/tmp/cfg", "HOME": "/home/a"]).path
            == "/tmp/cfg/stocktracker")
        #expect(TokenStore.defaultDirectory(environment: ["HOME": "/home/a"]).path == "/home/a/.config/stocktracker")
        #expect(TokenStore.defaultDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/a"]).path
            == "/home/a/.config/stocktracker")
    }
}
