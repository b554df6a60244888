import FeedWatchConfig
import FeedWatchCore
import FeedWatchStore
import FeedWatchTransport
import Foundation
import Logging

/// Takes a poll cycle's feeds from a store that several instances share, and keeps them while the cycle runs.
///
/// An instance claims the due feeds (whole hosts at a time) under a lease, renews the lease while its cycle runs and
/// releases it when the cycle is done; a feed another instance holds is asked for again shortly after.
struct FeedClaimer: Sendable {
    /// The shared store's claims and leases.
    let store: any WorkSharingStore
    /// This process's name in the leases it takes.
    let instance: String
    /// The poll settings: the lease and the gap between requests to one host.
    let poll: PollConfiguration
    /// Where lease trouble is logged.
    let logger: Logger

    /// How long a claimed feed stays leased to this instance if it never records the poll (it crashed): long
    /// enough for a whole cycle, after which another instance polls the feed.
    static func claimLease(_ poll: PollConfiguration) -> TimeInterval {
        max(poll.claimLease, 2 * poll.timeout)
    }

    /// Renews this instance's feed claims and host leases every third of a lease until cancelled, so a cycle that
    /// outlasts its lease (slow servers, a huge feed list) keeps its feeds: no other instance polls them meanwhile.
    func renewLeases() -> Task<Void, Never> {
        let lease = Self.claimLease(poll)
        return Task { [store, instance, logger] in
            while true {
                do {
                    try await Task.sleep(for: .seconds(lease / 3))
                } catch {
                    return
                }
                let now = Date()
                do {
                    try await store.renewLeases(owner: instance, now: now, until: now.addingTimeInterval(lease))
                } catch {
                    logger.warning("could not renew the poll cycle's leases", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Gives back this instance's leases at the end of a cycle; its hosts are free again after the host gap.
    func releaseLeases() async throws(StoreError) {
        try await store.releaseLeases(owner: instance, hostsFreeAt: Date().addingTimeInterval(poll.hostGap))
    }

    /// How long a feed another instance holds (or whose host another instance holds) waits before this instance
    /// asks for it again: short, because hosts are held only for the other instance's cycle, and asking costs one
    /// small transaction.
    static let claimRetry: TimeInterval = 2

    /// Claims the due feeds and refreshes the caller's view of the rest: a feed polled by another instance meanwhile
    /// takes its stored schedule, one held elsewhere is asked for again later.
    ///
    /// - Parameters:
    ///   - due: The feeds due in this cycle.
    ///   - feeds: The pipeline's view of every feed, updated with what the store says.
    ///   - now: The cycle's time.
    ///   - force: Whether the cycle polls every feed, due or not.
    /// - Returns: The feeds this instance now holds.
    func claim(_ due: [FeedRecord], feeds: inout [Int64: FeedRecord], now: Date, force: Bool) async throws(StoreError)
        -> [FeedRecord]
    {
        let wallClock = Date()
        let claim = try await store.claimFeeds(
            Self.batch(due).map { FeedClaim.Candidate(id: $0.id, host: HostGate.key(for: $0.url)) },
            owner: instance,
            dueBy: force ? nil : now.addingTimeInterval(1),
            now: wallClock,
            leaseUntil: wallClock.addingTimeInterval(Self.claimLease(poll))
        )
        for var other in claim.others {
            if (other.nextPollAt ?? now) <= now {
                other.nextPollAt = now.addingTimeInterval(Self.claimRetry)
            }
            feeds[other.id] = other
        }
        for feed in claim.claimed {
            feeds[feed.id] = feed
        }
        if !claim.others.isEmpty {
            logger.debug(
                "feeds held by other instances",
                metadata: ["claimed": "\(claim.claimed.count)", "held_elsewhere": "\(claim.others.count)"]
            )
        }
        return claim.claimed
    }

    /// The most due feeds an instance asks for in one cycle on a shared store.
    static let claimBatch = 2000

    /// The due feeds to ask for in one cycle on a shared store: whole hosts, in random order, until the batch is
    /// full. Hosts are leased by one instance at a time, so an instance that asked for every due feed would take
    /// every host and leave the others idle; a batch of hosts lets each instance take its own.
    static func batch(_ due: [FeedRecord]) -> [FeedRecord] {
        guard due.count > claimBatch else { return due }
        let byHost = Dictionary(grouping: due) { HostGate.key(for: $0.url) ?? "" }
        var chosen: [FeedRecord] = []
        for host in byHost.keys.shuffled() where chosen.count < claimBatch {
            chosen += byHost[host] ?? []
        }
        return chosen.sorted { $0.id < $1.id }
    }
}
