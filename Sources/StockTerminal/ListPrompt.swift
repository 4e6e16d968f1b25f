import Foundation

/// A question asked on the notice line about the lists: a name for a new list or for the active one, or whether
/// to delete the active one. While it is open the keys go to it.
public enum ListPrompt: Sendable, Equatable {
    /// A name typed for a new list.
    case create(name: String)
    /// The active list's new name (starts as its name).
    case rename(id: Int64, name: String)
    /// "Delete list …? y/N".
    case confirmDelete(id: Int64, name: String)

    /// The name typed so far (the list's, for a deletion).
    public var name: String {
        switch self {
        case .create(let name), .rename(_, let name), .confirmDelete(_, let name): name
        }
    }

    /// This prompt with `name` typed instead; a confirmation keeps its name.
    func typing(_ name: String) -> ListPrompt {
        switch self {
        case .create: .create(name: name)
        case .rename(let id, _): .rename(id: id, name: name)
        case .confirmDelete: self
        }
    }
}

/// The row of a security whose alert just fired, highlighted until the next key or `until`.
public struct FiredHighlight: Sendable, Equatable {
    public var securityID: Int64
    public var until: Date

    public init(securityID: Int64, until: Date) {
        self.securityID = securityID
        self.until = until
    }
}
