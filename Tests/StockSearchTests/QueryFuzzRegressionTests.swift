import Foundation
import Testing

/// Replays the committed inputs of the query fuzz target (`fuzz/query/corpus/`, the seeds, and
/// `fuzz/query/regressions/`, every input that once crashed or failed a check) through the fuzz binary's checks.
@Suite("Query fuzz regressions")
struct QueryFuzzRegressionTests {
    @Test("every committed input passes the query target's checks")
    func replay() throws {
        let target = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fuzz/query")
        let inputs = try ["corpus", "regressions"].flatMap { folder -> [URL] in
            let url = target.appendingPathComponent(folder)
            guard FileManager.default.fileExists(atPath: url.path) else { return [] }
            return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        }
        #expect(!inputs.isEmpty)
        for url in inputs {
            let failure = QueryFuzzTarget.check(try [UInt8](Data(contentsOf: url)))
            #expect(failure == nil, "\(url.lastPathComponent): \(failure ?? "")")
        }
    }
}
