import Foundation
import Testing
@testable import StockListing

/// Replays the committed inputs of the listing fuzz targets (`fuzz/TARGET/corpus/`, the seeds, and
/// `fuzz/TARGET/regressions/`, every input that once crashed or failed a check) through the same checks as the
/// fuzz binaries, so the normal suite keeps them fixed without running the long fuzzing.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    static func inputs(_ target: ListingFuzzTarget) throws -> [URL] {
        try ["corpus", "regressions"].flatMap { folder -> [URL] in
            let url = fuzzFolder.appendingPathComponent(target.rawValue).appendingPathComponent(folder)
            guard FileManager.default.fileExists(atPath: url.path) else { return [] }
            return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        }
    }

    @Test("every committed input passes its target's checks", arguments: ListingFuzzTarget.allCases)
    func replay(_ target: ListingFuzzTarget) throws {
        let inputs = try Self.inputs(target)
        #expect(!inputs.isEmpty)
        for url in inputs {
            let failure = target.check(try [UInt8](Data(contentsOf: url)))
            #expect(failure == nil, "\(target) \(url.lastPathComponent)")
        }
    }
}
