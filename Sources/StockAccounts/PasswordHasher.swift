import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and verification, run on NIO's blocking thread pool so that a slow hash (about 250 ms at cost
/// 12) never stalls an event loop or the cooperative task executor.
public struct PasswordHasher: Sendable {
    /// log2 of bcrypt's iterations.
    public let cost: Int
    private let threadPool: NIOThreadPool
    /// A hash of a random password at the same cost, verified against for unknown users so that a login takes
    /// as long whether the user exists or not. Computed in the background from creation on.
    private let dummyHash: Task<String, any Error>

    /// The bcrypt costs the library accepts.
    public static let costRange = 4...31

    public init(cost: Int, threadPool: NIOThreadPool = .singleton) {
        precondition(Self.costRange.contains(cost), "bcrypt cost must be in \(Self.costRange)")
        self.cost = cost
        self.threadPool = threadPool
        let dummyPassword = AuthTokens.generate()
        dummyHash = Task {
            try await threadPool.runIfActive { Bcrypt.hash(dummyPassword, cost: UInt8(cost)) }
        }
    }

    /// A new salted hash of `password`, computed on `pool` (by default the hasher's own).
    public func hash(_ password: String, on pool: NIOThreadPool? = nil) async throws -> String {
        let cost = UInt8(cost)
        return try await (pool ?? threadPool).runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with no hash (unknown user) it spends the same time and answers false.
    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let stored: String
        if let hash { stored = hash } else { stored = try await dummyHash.value }
        let matches = try await threadPool.runIfActive { Bcrypt.verify(password, hash: stored) }
        return matches && hash != nil
    }
}
