import StockClient
import StockTerminal
import Testing

@Suite("Login and registration form")
struct LoginFlowTests {
    private func filledForm() -> WatchState {
        var state = WatchState(server: "http://127.0.0.1:8080", page: .login)
        _ = Fixtures.type(Fixtures.characters("alice") + [.enter] + Fixtures.characters("secret"), into: &state)
        return state
    }

    @Test("Enter moves to the password, then logs in")
    func login() {
        var state = filledForm()
        #expect(state.login.username == "alice")
        #expect(state.login.password == "secret")
        #expect(state.update(.key(.enter)) == [.login(username: "alice", password: "secret", totp: nil)])
        #expect(state.login.busy)
        #expect(state.update(.key(.enter)) == [])  // one request at a time
    }

    @Test("a TOTP answer shows the code field; the next submit sends the code")
    func totp() {
        var state = filledForm()
        _ = state.update(.key(.enter))
        _ = state.update(.loginFailed(.totpRequired(message: "TOTP code required")))
        #expect(state.login.needsTOTP)
        #expect(state.login.field == .totp)
        #expect(state.login.fields == [.username, .password, .totp])
        _ = Fixtures.type(Fixtures.characters("12x3456"), into: &state)
        #expect(state.login.totp == "123456")
        #expect(state.update(.key(.enter)) == [.login(username: "alice", password: "secret", totp: "123456")])
    }

    @Test("Ctrl-R switches to registration; wrong credentials keep the form with the server's message")
    func registerAndErrors() {
        var state = filledForm()
        _ = state.update(.key(.control("r")))
        #expect(state.login.registering)
        #expect(state.update(.key(.enter)) == [.register(username: "alice", password: "secret")])
        _ = state.update(.loginFailed(.conflict(message: "the user name is taken")))
        #expect(state.login.message == Notice("the user name is taken", isError: true))
        #expect(!state.login.busy)
    }

    @Test("empty fields are not sent")
    func emptyFields() {
        var state = WatchState(server: "http://x", page: .login)
        _ = state.update(.key(.enter))
        #expect(state.update(.key(.enter)) == [])
        #expect(state.login.message?.isError == true)
    }

    @Test("logging in shows the main screen; an expired session comes back to the login screen")
    func sessionLifecycle() {
        var state = filledForm()
        _ = state.update(.loggedIn(username: "alice", notice: nil))
        #expect(state.page == .main)
        #expect(state.login.password.isEmpty)
        _ = state.update(.listsLoaded([WatchlistInfo(id: 1, name: "Watchlist", count: 1)]))
        _ = state.update(.listItemsLoaded(listID: 1, [Fixtures.apple]))
        _ = state.update(.sessionExpired(message: "the token is invalid, expired or revoked"))
        #expect(state.page == .login)
        #expect(state.watchlist.isEmpty)
        #expect(state.login.message?.text.contains("log in again") == true)
    }
}
