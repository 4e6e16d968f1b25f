/// Errors the stores report for conditions the caller must answer (conflicts, missing rows, limits).
public enum StorageError: Error, Sendable, Equatable {
    /// A unique value (user name, ticker) is taken.
    case conflict(String)
    /// A referenced row does not exist.
    case notFound(String)
    /// A limit would be exceeded.
    case limitReached(String)
    /// The request does not fit what is stored (an order that is not the list's).
    case invalid(String)
}
