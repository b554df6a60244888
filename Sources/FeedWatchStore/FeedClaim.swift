public import FeedWatchCore
public import Foundation

/// The outcome of ``Store/claimFeeds(_:owner:dueBy:now:leaseUntil:)``: what one instance polls now, and the
/// current state of what it may not.
public struct FeedClaim: Sendable, Equatable {
    /// A feed an instance considers due, with the host its politeness limits are counted on.
    public struct Candidate: Sendable, Equatable {
        /// The feed's id.
        public var id: Int64
        /// The lowercased host of the feed's URL; `nil` for `file:` URLs, which need no host lease.
        public var host: String?

        /// Creates a candidate.
        public init(id: Int64, host: String?) {
            self.id = id
            self.host = host
        }
    }

    /// The feeds leased to the claiming instance, as stored.
    public var claimed: [FeedRecord]
    /// The candidates not claimed (polled meanwhile, leased elsewhere, or on a host another instance holds), as
    /// stored.
    public var others: [FeedRecord]

    /// Creates a claim outcome.
    public init(claimed: [FeedRecord], others: [FeedRecord]) {
        self.claimed = claimed
        self.others = others
    }
}
