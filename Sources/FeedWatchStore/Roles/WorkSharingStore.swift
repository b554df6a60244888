public import FeedWatchCore
public import Foundation

/// What lets several feedwatch instances share one store: feed claims, host leases and named leases.
public protocol WorkSharingStore: Sendable {
    /// Whether several feedwatch instances may share this store, so each poll and each sink's deliveries are
    /// claimed first (``claimFeeds(_:owner:dueBy:now:leaseUntil:)``, ``claimLease(_:owner:now:until:)``).
    var sharesWork: Bool { get }

    /// Claims feeds for one instance's poll cycle, in one transaction.
    ///
    /// First the candidates' hosts are leased to `owner` (a host another live instance holds is skipped, so one
    /// host's politeness limits are kept by one instance at a time); then, of the candidates on held hosts, those
    /// still due by `dueBy` (any when `nil`) and not leased by another live instance are locked with
    /// `FOR UPDATE SKIP LOCKED` (or the backend's equivalent) and leased to `owner` until `leaseUntil`.
    /// ``FeedStore/recordPolls(_:sinks:)`` ends a feed's lease.
    ///
    /// - Parameters:
    ///   - candidates: The feeds the instance considers due, with their hosts.
    ///   - owner: The claiming instance's id.
    ///   - dueBy: Feeds whose stored next poll is later are not claimed; `nil` claims regardless (forced cycles).
    ///   - now: The current time; leases that ended before it are free.
    ///   - leaseUntil: When the claims lapse if the instance never records the polls (it crashed).
    /// - Returns: The claimed feeds as stored, and the stored state of the candidates not claimed.
    func claimFeeds(
        _ candidates: [FeedClaim.Candidate],
        owner: String,
        dueBy: Date?,
        now: Date,
        leaseUntil: Date
    ) async throws(StoreError) -> FeedClaim

    /// Takes or renews the named lease (`sink:NAME` for a sink's outbox) for `owner`, unless another owner holds
    /// it past `now`.
    ///
    /// - Returns: Whether `owner` holds the lease now.
    func claimLease(_ name: String, owner: String, now: Date, until: Date) async throws(StoreError) -> Bool

    /// Extends `owner`'s feed claims and host leases that have not lapsed by `now` to `until`, so a cycle that runs
    /// longer than its lease keeps its feeds and hosts (another instance would otherwise poll them too).
    func renewLeases(owner: String, now: Date, until: Date) async throws(StoreError)

    /// Ends `owner`'s host leases; a host stays closed to other instances until `hostsFreeAt`, so the gap between
    /// two requests to it holds across instances too. Sink leases lapse on their own.
    func releaseLeases(owner: String, hostsFreeAt: Date) async throws(StoreError)
}
