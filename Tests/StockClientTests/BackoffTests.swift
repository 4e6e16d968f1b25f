import Testing
import StockClient

@Suite("Reconnect backoff")
struct BackoffTests {
    @Test("doubles from the initial delay up to the maximum, and starts over after a reset")
    func doubling() {
        var backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(4))
        let delays = (0..<6).map { _ in backoff.next(jitter: 0) }
        #expect(delays == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
        #expect(backoff.attempt == 6)
        backoff.reset()
        #expect(backoff.next(jitter: 0) == .milliseconds(500))
    }

    @Test("jitter only ever shortens the delay, by at most the given fraction")
    func jitter() {
        var backoff = Backoff(initial: .seconds(10), maximum: .seconds(10))
        #expect(backoff.next(jitter: 0.2) == .seconds(8))
        #expect(backoff.next(jitter: 5) == .zero)
    }
}
