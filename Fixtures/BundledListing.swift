import Foundation

/// The listing shipped with the app (`Fixtures/securities.csv`), found wherever the binary is started from.
public enum BundledListing {
    /// The path of the bundled CSV listing.
    public static func path() throws -> String {
        guard let url = Bundle.module.url(forResource: "securities", withExtension: "csv") else {
            throw BundledListingMissing()
        }
        return url.path
    }
}

/// The resource bundle was not installed next to the binary.
public struct BundledListingMissing: Error, CustomStringConvertible {
    public var description: String { "the bundled listing Fixtures/securities.csv is missing from the build" }
}
