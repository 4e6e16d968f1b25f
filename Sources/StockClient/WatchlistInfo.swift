import Foundation

/// One of the user's named watchlists (`GET /user/watchlists`): its id, name and how many securities it holds.
public struct WatchlistInfo: Decodable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    /// How many securities the list holds.
    public var count: Int

    public init(id: Int64, name: String, count: Int) {
        self.id = id
        self.name = name
        self.count = count
    }
}
