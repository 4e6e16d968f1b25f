import Foundation
import NIOCore
import Testing

@testable import StockServer

/// Replays the committed inputs of the WebSocket frame fuzz target (`fuzz/websocket/corpus/`, the seeds, and
/// `fuzz/websocket/regressions/`, every input that once crashed or failed a check) through the same checks as the
/// fuzz binary, so the normal suite keeps them fixed without running the long fuzzing.
@Suite("WebSocket frame fuzz regressions")
struct WebSocketFrameFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz/websocket")

    @Test("every committed input passes the target's checks")
    func replay() throws {
        let inputs = try ["corpus", "regressions"].flatMap { name -> [URL] in
            let url = Self.folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return [] }
            return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        }
        #expect(inputs.count >= 10)
        for url in inputs {
            let failure = WebSocketFrameFuzzTarget.check(try [UInt8](Data(contentsOf: url)))
            #expect(failure == nil, "\(url.lastPathComponent): \(failure ?? "")")
        }
    }

    @Test("the seeds get the answers RFC 6455 and the route's rules give them", arguments: [
        ("ping-pong-close", "pong 5 bytes, alive, echo [3, 232]"),
        ("unmasked-ping", "close 1002"),
        ("reserved-bit", "close 1002"),
        ("unknown-opcode", "close 1002"),
        ("close-1005", "close 1002"),
        ("close-one-byte", "close 1002"),
        ("close-empty", "echo []"),
        ("too-long", "close 1009"),
        ("huge-length", "close 1009"),
        ("long-control", "close 1002"),
        ("fragmented-ping", "close 1002"),
        ("text-fragments", "ignore, ignore, ignore"),
    ])
    func seedAnswers(seed: String, answers: String) throws {
        let input = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("corpus/\(seed)")))
        let reactions = try WebSocketFrameFuzzTarget.reactions(to: input, chunkSize: input.count)
        #expect(reactions.map { WebSocketFrameFuzzTarget.answer($0).description }.joined(separator: ", ") == answers)
    }

    @Test("the check catches a server that answers differently from the reference")
    func checkIsNotVacuous() {
        // A masked ping whose pong the reference expects: a reaction list missing it must not pass as equal.
        let ping: [UInt8] = [0x89, 0x81, 1, 2, 3, 4, UInt8(ascii: "x") ^ 1]
        #expect(ReferenceFrames.answers(to: ping, maxFrameSize: ClientFrameRules.maxFrameSize) == [.pong([0x78])])
        #expect(ReferenceFrames.answers(to: Array(ping.dropLast()), maxFrameSize: ClientFrameRules.maxFrameSize) == [])
        #expect(WebSocketFrameFuzzTarget.check(ping) == nil)
    }
}
