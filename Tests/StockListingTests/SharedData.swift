import Foundation
import Testing

/// The read-only reference data beside the repository (`../shared`), which tests may read.
enum SharedData {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: path("data/us/nasdaqlisted.txt")) }

    /// Skips a test, saying why, where the shared data is not beside the repository.
    static var required: ConditionTrait {
        .enabled(if: isAvailable, "../shared/data is not beside the repository")
    }
}
