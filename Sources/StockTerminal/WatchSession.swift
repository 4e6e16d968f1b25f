import Dispatch
import Foundation
import StockClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `stocktracker watch`: the terminal client's run loop.
///
/// One loop owns the state: keys, server answers, the clock and resizes arrive as events; each one updates the
/// state, the commands it answers start network tasks (which send their results back as events), and the new
/// frame is drawn with one write of the lines that changed.
public struct WatchSession: Sendable {
    public let server: URL
    public let tokens: TokenStore
    /// How long typing must pause before a search goes out.
    public var debounce = Duration.milliseconds(120)

    public init(server: URL, tokens: TokenStore) {
        self.server = server
        self.tokens = tokens
    }

    /// Runs until the user quits (or SIGTERM/SIGHUP, or the end of input); the terminal is restored on every way
    /// out.
    public func run() async throws {
        let terminal = try Terminal()
        defer { terminal.restore() }
        let (events, sink) = AsyncStream.makeStream(of: SessionEvent.self)

        let keys = KeyReader(onKey: { sink.yield(.watch(.key($0))) }, onEnd: { sink.yield(.terminate) })
        defer { keys.stop() }
        let signals = Self.watchSignals(sink)
        defer { signals.forEach { $0.cancel() } }
        let clock = Task {
            while !Task.isCancelled {
                sink.yield(.watch(.tick(Date())))
                try? await Task.sleep(for: .seconds(1))
            }
        }
        defer { clock.cancel() }

        var effects = Effects(client: StockClient(server: server), sink: sink, debounce: debounce)
        defer { effects.stopAll() }
        var state = WatchState(server: server.absoluteString, page: .login)
        if let stored = tokens.load(server: server) {
            state = WatchState(server: server.absoluteString, page: .main, username: stored.username)
            effects.startSession(token: stored.token)
        }

        var size = terminal.size
        var encoder = FrameEncoder()
        loop: for await event in events {
            let commands: [WatchCommand]
            switch event {
            case .terminate:
                break loop
            case .resize:
                size = terminal.size
                encoder.invalidate()
                commands = []
            case .session(let session, var notice):
                do {
                    try tokens.save(StoredLogin(server: server.absoluteString, username: session.user.username,
                                                token: session.token, expiresAt: session.expiresAt), server: server)
                } catch {
                    notice = "Logged in, but the login could not be kept for next time: \(error.localizedDescription)"
                }
                effects.startSession(token: session.token)
                commands = state.update(.loggedIn(username: session.user.username, notice: notice))
            case .watch(let watchEvent):
                if case .sessionExpired = watchEvent {
                    effects.endSession()
                    tokens.delete(server: server)
                }
                commands = state.update(watchEvent)
            }
            if commands.contains(.quit) { break loop }
            commands.forEach { effects.execute($0) }
            let frame = encoder.encode(Screen(width: size.width, height: size.height).render(state))
            if !frame.isEmpty { terminal.write(frame) }
        }
    }

    /// SIGWINCH redraws; SIGTERM, SIGHUP and SIGINT end the loop so that the terminal is restored.
    private static func watchSignals(_ sink: AsyncStream<SessionEvent>.Continuation) -> [any DispatchSourceSignal] {
        let handled: [(Int32, SessionEvent)] = [(SIGWINCH, .resize), (SIGTERM, .terminate), (SIGHUP, .terminate),
                                               (SIGINT, .terminate)]
        return handled.map { number, event in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { sink.yield(event) }
            source.resume()
            return source
        }
    }
}

/// What the run loop reacts to: the state's events, plus what only the runtime handles.
enum SessionEvent: Sendable {
    case watch(WatchEvent)
    /// A login worked: keep the token, start the feed, then show the main screen.
    case session(LoginSession, notice: String?)
    case resize
    case terminate
}
